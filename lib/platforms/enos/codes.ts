// EnOS answers -> the shared invocation status, plus a message a field engineer can act on.
// The raw code always travels alongside (InvokeOutcome.platformCode / rawState).
//
// Every EnOS code of enos.md has one key "<family>:<code>" in two tables: CODE_RULES (status, not
// translated) and MESSAGES_EN (the words). A translation is one more table with MESSAGES_EN's keys.
import type { InvocationStatus } from "../../invocations/status";
import type { Locale } from "../../thing-model/types";

/**
 * Where a code comes from:
 * - api: the `code` of a v2.1 answer (119xx, 11810, 11888, 11611, 99xxx)
 * - token: the `status` of token/get and token/refresh (1001-1005, 1202-1204)
 * - gateway: the APIM gateway refusing a call: its HTTP status, or the token/signature code it reports
 * - legacy: the `status` of the older Data Service API (400-504, 497, 498, 6xx) and its Edge codes (1000xxx, 999x)
 * - state: a v2.1 command state (1-7)
 */
export type CodeFamily = "api" | "token" | "gateway" | "legacy" | "state";

export interface CodeRule {
  status: InvocationStatus;
  /** how far the command got: "replied" = the device answered, "sent" = it reached the device only */
  delivery?: "sent" | "replied";
}

export interface CodeText {
  /** what happened, in plain words */
  text: string;
  /** what to do about it */
  fix?: string;
  /** leave the platform's own msg out of the message (the text says it all; the raw msg is kept apart) */
  quiet?: boolean;
}

const FAILED: CodeRule = { status: "FAILED" };
const TIMED_OUT_SENT: CodeRule = { status: "TIMED_OUT", delivery: "sent" };

export const CODE_RULES: Readonly<Record<string, CodeRule>> = {
  "api:11900": FAILED,
  "api:11888": FAILED,
  "api:11904": { status: "TIMED_OUT" },
  "api:11915": TIMED_OUT_SENT,
  "api:11902": FAILED,
  "api:11810": FAILED,
  "api:11611": FAILED,
  "api:99400": FAILED,
  "api:99403": FAILED,
  "api:99404": FAILED,
  "api:99500": FAILED,
  // token service: the call never got as far as a device
  "token:1001": FAILED,
  "token:1002": FAILED,
  "token:1003": FAILED,
  "token:1004": FAILED,
  "token:1005": FAILED,
  "token:1202": FAILED,
  "token:1203": FAILED,
  "token:1204": FAILED,
  // gateway: refused before the service saw it, except a bare 500 which may come after
  "gateway:400": FAILED,
  "gateway:401": FAILED,
  "gateway:403": FAILED,
  "gateway:413": FAILED,
  "gateway:429": FAILED,
  "gateway:500": { status: "INTERRUPTED" },
  "gateway:503": FAILED,
  "gateway:1003": FAILED,
  "gateway:1004": FAILED,
  "gateway:1202": FAILED,
  "gateway:1203": FAILED,
  "legacy:400": FAILED,
  "legacy:401": FAILED,
  "legacy:403": FAILED,
  "legacy:404": FAILED,
  "legacy:405": FAILED,
  "legacy:409": FAILED,
  "legacy:413": FAILED,
  "legacy:414": FAILED,
  "legacy:415": FAILED,
  "legacy:429": FAILED,
  "legacy:497": FAILED,
  "legacy:498": FAILED,
  "legacy:499": FAILED,
  "legacy:500": FAILED,
  "legacy:501": FAILED,
  "legacy:503": FAILED,
  "legacy:504": TIMED_OUT_SENT,
  "legacy:601": FAILED,
  "legacy:6xx": FAILED,
  "legacy:1000": FAILED,
  "legacy:1000201": FAILED,
  "legacy:1000203": TIMED_OUT_SENT,
  "legacy:1000204": FAILED,
  "legacy:1000206": FAILED,
  "legacy:1000207": FAILED,
  "legacy:1000211": FAILED,
  "legacy:9998": FAILED,
  "legacy:9999": FAILED,
  "state:1": { status: "QUEUED" },
  "state:2": { status: "CANCELED" },
  "state:3": { status: "EXPIRED" },
  "state:4": { status: "SENT", delivery: "sent" },
  "state:5": { status: "SUCCEEDED", delivery: "replied" },
  "state:6": FAILED,
  "state:7": TIMED_OUT_SENT,
};

const RETRY_LATER = "Try again later.";
const CHECK_DEVICE_FIRST = "It may still have carried it out: check the device before retrying.";
const CHECK_KEYS = "Check the product key, device key (or asset ID) and service identifier.";

export const MESSAGES_EN: Readonly<Record<string, CodeText>> = {
  "api:11900": { text: "The device is offline, so the instant command could not be sent", fix: "Bring the device online or send it as a cached command.", quiet: true },
  "api:11888": { text: "The device is not activated, so the instant command could not be sent", fix: "Connect the device to EnOS once to activate it.", quiet: true },
  "api:11904": { text: "EnOS could not send the command to the device before the timeout", fix: "Earlier commands may still be queued for it; try again or allow a longer timeout.", quiet: true },
  "api:11915": { text: "The command reached the device, but the device did not answer within the timeout", fix: CHECK_DEVICE_FIRST, quiet: true },
  "api:11902": { text: "The device's queue of cached commands is full", fix: "Wait for queued commands to be delivered or cancel some.", quiet: true },
  "api:11810": { text: "EnOS could not encode the command into the product's custom data format", fix: "Check the product's codec for this service." },
  "api:11611": { text: "EnOS found no such product in the organisation", fix: "Check the product key and the connection's orgId." },
  "api:99400": { text: "EnOS rejected the request as invalid" },
  "api:99403": { text: "The connection's application may not control this device", fix: "Grant it the Asset / Control permission in EnOS." },
  "api:99404": { text: "EnOS could not find the device or service", fix: "Check the product key, device key and service identifier." },
  "api:99500": { text: "EnOS had an internal error", fix: RETRY_LATER },
  "token:1001": { text: "EnOS took the token request for a replay", fix: "Try again." },
  "token:1002": { text: "EnOS does not know the connection's access key", fix: "Check the access key." },
  "token:1003": { text: "EnOS could not verify the connection's credentials", fix: "Check the access key and secret." },
  "token:1004": { text: "EnOS refused a parameter of the token request", fix: "Check the access key and secret, and this server's clock." },
  "token:1005": { text: "The EnOS token service failed", fix: RETRY_LATER },
  "token:1202": { text: "A required credential was empty", fix: "Check that the connection has an access key and secret." },
  "token:1203": { text: "The access token had expired", fix: "The console fetches a new one by itself; if this persists, check this server's clock." },
  "token:1204": { text: "EnOS could not refresh the access token", fix: "Check the access key and secret." },
  "gateway:400": { text: "The EnOS gateway could not process the request body", fix: "Check the service inputs." },
  "gateway:401": { text: "The EnOS gateway rejected the connection's credentials", fix: "Check the access key and secret." },
  "gateway:403": { text: "The EnOS gateway does not accept calls from this server", fix: "Check that this server's IP address is allowed for the application." },
  "gateway:413": { text: "The request was too large for the EnOS gateway", fix: "Send fewer or shorter inputs." },
  "gateway:429": { text: "EnOS is rate-limiting this application", fix: "Wait a moment and try again." },
  "gateway:500": { text: "The EnOS gateway failed unexpectedly", fix: CHECK_DEVICE_FIRST },
  "gateway:503": { text: "EnOS is unavailable", fix: RETRY_LATER },
  // the fixes of 1003/1004/1202 explain the cause too: the client words its errors around them
  "gateway:1003": { text: "The EnOS gateway rejected the request", fix: "The signature did not verify. Check the secret key." },
  "gateway:1004": { text: "The EnOS gateway rejected the request", fix: "EnOS refused the request timestamp. Check this server's clock." },
  "gateway:1202": { text: "The EnOS gateway rejected the request", fix: "A required authentication header was missing." },
  "gateway:1203": { text: "The access token had expired", fix: "The console fetches a new one by itself; if this persists, check this server's clock." },
  "legacy:400": { text: "EnOS rejected an argument of the call", fix: "Check the service inputs, the timeout and the connection's orgId." },
  "legacy:401": { text: "EnOS did not accept the connection's access key", fix: "Check the access key." },
  "legacy:403": { text: "The connection's application may not do this", fix: "Grant it access to the organisation and device in EnOS." },
  "legacy:404": { text: "EnOS could not find the device or service", fix: CHECK_KEYS },
  "legacy:405": { text: "EnOS does not accept this kind of request here", fix: "Check the connection's endpoint: it may point at a different API." },
  "legacy:409": { text: "EnOS says the object already exists" },
  "legacy:413": { text: "The request was too large for EnOS", fix: "Send fewer or shorter inputs." },
  "legacy:414": { text: "The request was too large for EnOS", fix: "Send fewer or shorter inputs." },
  "legacy:415": { text: "A parameter of the call is out of range", fix: "Use a timeout between 1 and 300000 ms." },
  "legacy:429": { text: "EnOS is rate-limiting this application", fix: "Wait a moment and try again." },
  "legacy:497": { text: "EnOS refused the request's timestamp or signature", fix: "Check the secret key and this server's clock." },
  "legacy:498": { text: "The application lacks permission for this resource or API", fix: "Grant the application access to service invocation in EnOS." },
  "legacy:499": { text: "EnOS reports an error in the request" },
  "legacy:500": { text: "EnOS had an internal error", fix: RETRY_LATER },
  "legacy:501": { text: "EnOS does not implement this operation" },
  "legacy:503": { text: "EnOS is unavailable", fix: RETRY_LATER },
  "legacy:504": { text: "The device did not answer within the timeout", fix: CHECK_DEVICE_FIRST },
  "legacy:601": { text: "EnOS does not support this operation" },
  "legacy:6xx": { text: "EnOS refused the operation on this resource" },
  "legacy:1000": { text: "EnOS rejected a parameter of the call", fix: "Check the service inputs and the timeout." },
  "legacy:1000201": { text: "EnOS has no such device", fix: CHECK_KEYS },
  "legacy:1000203": { text: "The device did not answer within the timeout", fix: CHECK_DEVICE_FIRST },
  "legacy:1000204": { text: "EnOS could not invoke the service: the device is offline or not activated, or it answered with an error", fix: "Check that the device is online." },
  "legacy:1000206": { text: "Too many synchronous calls are running on EnOS", fix: "Wait for some to finish and try again." },
  "legacy:1000207": { text: "Too many asynchronous calls are running on EnOS", fix: "Wait for some to finish and try again." },
  "legacy:1000211": { text: "EnOS has no thing model for this device", fix: "Assign a model to the device's product in EnOS." },
  "legacy:9998": { text: "EnOS reported an unknown error", fix: RETRY_LATER },
  "legacy:9999": { text: "EnOS had a system error", fix: RETRY_LATER },
  "state:1": { text: "EnOS holds the command in the device's queue", fix: "It is delivered in order when the device is online, within its cache time." },
  "state:2": { text: "The command was cancelled before it was delivered" },
  "state:3": { text: "The command's cache time ran out before the device could take it", fix: "Bring the device online sooner or allow a longer cache time." },
  "state:4": { text: "EnOS released the command to the device; no reply yet" },
  "state:5": { text: "The device carried out the command" },
  "state:6": { text: "EnOS could not deliver the command, or the device answered with an error", fix: "Check that the device is online and what it logged." },
  "state:7": { text: "The command reached the device, but the device did not answer within the timeout", fix: CHECK_DEVICE_FIRST },
  // texts for answers that are not one code
  "invoke:queued": { text: "EnOS queued the command{commandId}; it is delivered when the device is ready, within {ttl} s." },
  "invoke:device-error": { text: "The device answered with error {code}{msg}" },
  "invoke:refused": { text: "EnOS refused the command" },
  "invoke:unknown-state": { text: "EnOS reports command state {state}, which the console does not know." },
  "invoke:not-cancelled": { text: "EnOS did not cancel the command: only commands still waiting in the queue can be cancelled." },
  "invoke:async-accepted": {
    text: "EnOS accepted the asynchronous call (callType ASYNC) and passes it on to the device. Its result goes to control channel {channel} and to the console's callback address; this entry is finished when the result arrives there, or marked timed out after ASYNC_REPLY_WAIT_S.",
  },
};

const RETRY_LATER_ZH = "请稍后重试。";
const CHECK_DEVICE_FIRST_ZH = "设备可能已经执行了该指令：重试前请先检查设备。";
const CHECK_KEYS_ZH = "请检查产品 Key、设备 Key（或资产 ID）和服务标识符。";

/** MESSAGES_EN in Simplified Chinese: the same keys (a unit test keeps them in step). */
export const MESSAGES_ZH: Readonly<Record<string, CodeText>> = {
  "api:11900": { text: "设备离线，无法发送即时指令", fix: "请让设备上线，或改用缓存指令发送。", quiet: true },
  "api:11888": { text: "设备未激活，无法发送即时指令", fix: "请先让设备连接一次 EnOS 以完成激活。", quiet: true },
  "api:11904": { text: "EnOS 未能在超时前将指令发送到设备", fix: "之前的指令可能仍在排队；请重试或延长超时时间。", quiet: true },
  "api:11915": { text: "指令已到达设备，但设备未在超时时间内应答", fix: CHECK_DEVICE_FIRST_ZH, quiet: true },
  "api:11902": { text: "设备的缓存指令队列已满", fix: "请等待已排队的指令下发，或取消部分指令。", quiet: true },
  "api:11810": { text: "EnOS 无法将指令编码为该产品的自定义数据格式", fix: "请检查该产品针对此服务的编解码脚本。" },
  "api:11611": { text: "EnOS 在该组织中找不到此产品", fix: "请检查产品 Key 和连接的 orgId。" },
  "api:99400": { text: "EnOS 认为请求无效并拒绝" },
  "api:99403": { text: "该连接的应用无权控制此设备", fix: "请在 EnOS 中为其授予“资产 / 控制”权限。" },
  "api:99404": { text: "EnOS 找不到该设备或服务", fix: "请检查产品 Key、设备 Key 和服务标识符。" },
  "api:99500": { text: "EnOS 内部错误", fix: RETRY_LATER_ZH },
  "token:1001": { text: "EnOS 将令牌请求视为重放请求", fix: "请重试。" },
  "token:1002": { text: "EnOS 无法识别该连接的 Access Key", fix: "请检查 Access Key。" },
  "token:1003": { text: "EnOS 无法验证该连接的凭据", fix: "请检查 Access Key 和 Secret Key。" },
  "token:1004": { text: "EnOS 拒绝了令牌请求中的某个参数", fix: "请检查 Access Key、Secret Key 以及本服务器的时钟。" },
  "token:1005": { text: "EnOS 令牌服务出错", fix: RETRY_LATER_ZH },
  "token:1202": { text: "必需的凭据为空", fix: "请确认该连接已配置 Access Key 和 Secret Key。" },
  "token:1203": { text: "访问令牌已过期", fix: "控制台会自动获取新令牌；如果问题持续，请检查本服务器的时钟。" },
  "token:1204": { text: "EnOS 无法刷新访问令牌", fix: "请检查 Access Key 和 Secret Key。" },
  "gateway:400": { text: "EnOS 网关无法处理请求体", fix: "请检查服务输入参数。" },
  "gateway:401": { text: "EnOS 网关拒绝了该连接的凭据", fix: "请检查 Access Key 和 Secret Key。" },
  "gateway:403": { text: "EnOS 网关不接受来自本服务器的调用", fix: "请确认本服务器的 IP 地址已加入该应用的白名单。" },
  "gateway:413": { text: "请求过大，EnOS 网关无法接受", fix: "请减少输入参数或缩短其内容。" },
  "gateway:429": { text: "EnOS 正在对该应用限流", fix: "请稍等片刻再试。" },
  "gateway:500": { text: "EnOS 网关发生意外错误", fix: CHECK_DEVICE_FIRST_ZH },
  "gateway:503": { text: "EnOS 暂不可用", fix: RETRY_LATER_ZH },
  "gateway:1003": { text: "EnOS 网关拒绝了请求", fix: "签名校验失败，请检查 Secret Key。" },
  "gateway:1004": { text: "EnOS 网关拒绝了请求", fix: "EnOS 拒绝了请求时间戳，请检查本服务器的时钟。" },
  "gateway:1202": { text: "EnOS 网关拒绝了请求", fix: "缺少必需的认证请求头。" },
  "gateway:1203": { text: "访问令牌已过期", fix: "控制台会自动获取新令牌；如果问题持续，请检查本服务器的时钟。" },
  "legacy:400": { text: "EnOS 拒绝了调用的某个参数", fix: "请检查服务输入参数、超时时间和连接的 orgId。" },
  "legacy:401": { text: "EnOS 不接受该连接的 Access Key", fix: "请检查 Access Key。" },
  "legacy:403": { text: "该连接的应用无权执行此操作", fix: "请在 EnOS 中为其授予该组织和设备的访问权限。" },
  "legacy:404": { text: "EnOS 找不到该设备或服务", fix: CHECK_KEYS_ZH },
  "legacy:405": { text: "EnOS 在此处不接受这类请求", fix: "请检查连接的接入地址：它可能指向了其他 API。" },
  "legacy:409": { text: "EnOS 提示该对象已存在" },
  "legacy:413": { text: "请求过大，EnOS 无法接受", fix: "请减少输入参数或缩短其内容。" },
  "legacy:414": { text: "请求过大，EnOS 无法接受", fix: "请减少输入参数或缩短其内容。" },
  "legacy:415": { text: "调用的某个参数超出范围", fix: "超时时间请设在 1 到 300000 毫秒之间。" },
  "legacy:429": { text: "EnOS 正在对该应用限流", fix: "请稍等片刻再试。" },
  "legacy:497": { text: "EnOS 拒绝了请求的时间戳或签名", fix: "请检查 Secret Key 以及本服务器的时钟。" },
  "legacy:498": { text: "该应用无权访问此资源或 API", fix: "请在 EnOS 中为该应用授予服务调用权限。" },
  "legacy:499": { text: "EnOS 报告请求有误" },
  "legacy:500": { text: "EnOS 内部错误", fix: RETRY_LATER_ZH },
  "legacy:501": { text: "EnOS 未实现此操作" },
  "legacy:503": { text: "EnOS 暂不可用", fix: RETRY_LATER_ZH },
  "legacy:504": { text: "设备未在超时时间内应答", fix: CHECK_DEVICE_FIRST_ZH },
  "legacy:601": { text: "EnOS 不支持此操作" },
  "legacy:6xx": { text: "EnOS 拒绝对该资源执行此操作" },
  "legacy:1000": { text: "EnOS 拒绝了调用的某个参数", fix: "请检查服务输入参数和超时时间。" },
  "legacy:1000201": { text: "EnOS 中没有该设备", fix: CHECK_KEYS_ZH },
  "legacy:1000203": { text: "设备未在超时时间内应答", fix: CHECK_DEVICE_FIRST_ZH },
  "legacy:1000204": { text: "EnOS 无法调用该服务：设备离线或未激活，或设备返回了错误", fix: "请检查设备是否在线。" },
  "legacy:1000206": { text: "EnOS 上正在执行的同步调用过多", fix: "请等待部分调用完成后重试。" },
  "legacy:1000207": { text: "EnOS 上正在执行的异步调用过多", fix: "请等待部分调用完成后重试。" },
  "legacy:1000211": { text: "EnOS 中该设备没有物模型", fix: "请在 EnOS 中为该设备所属产品分配物模型。" },
  "legacy:9998": { text: "EnOS 报告了未知错误", fix: RETRY_LATER_ZH },
  "legacy:9999": { text: "EnOS 系统错误", fix: RETRY_LATER_ZH },
  "state:1": { text: "EnOS 已将指令放入设备的队列", fix: "设备在线时会在缓存时间内按顺序下发。" },
  "state:2": { text: "指令在下发前已被取消" },
  "state:3": { text: "设备接收指令前，指令的缓存时间已到期", fix: "请尽快让设备上线，或设置更长的缓存时间。" },
  "state:4": { text: "EnOS 已将指令下发给设备，尚未收到应答" },
  "state:5": { text: "设备已执行该指令" },
  "state:6": { text: "EnOS 无法下发该指令，或设备返回了错误", fix: "请检查设备是否在线以及设备日志。" },
  "state:7": { text: "指令已到达设备，但设备未在超时时间内应答", fix: CHECK_DEVICE_FIRST_ZH },
  "invoke:queued": { text: "EnOS 已将指令加入队列{commandId}；设备就绪后会在 {ttl} 秒内下发。" },
  "invoke:device-error": { text: "设备返回了错误 {code}{msg}" },
  "invoke:refused": { text: "EnOS 拒绝了该指令" },
  "invoke:unknown-state": { text: "EnOS 报告的指令状态为 {state}，控制台无法识别。" },
  "invoke:not-cancelled": { text: "EnOS 未取消该指令：只有仍在队列中等待的指令才能取消。" },
  "invoke:async-accepted": {
    text: "EnOS 已接受异步调用（callType ASYNC）并将其转发给设备。结果会发送到控制通道 {channel} 和控制台的回调地址；结果到达时本条记录随之完成，超过 ASYNC_REPLY_WAIT_S 仍未到达则标记为超时。",
  },
};

const TABLES: Record<Locale, Readonly<Record<string, CodeText>>> = { "en-US": MESSAGES_EN, "zh-CN": MESSAGES_ZH };

const DETAIL_PREFIX: Record<Locale, Record<CodeFamily, string>> = {
  "en-US": { api: "EnOS", token: "EnOS token service", gateway: "EnOS gateway", legacy: "EnOS", state: "EnOS command state" },
  "zh-CN": { api: "EnOS", token: "EnOS 令牌服务", gateway: "EnOS 网关", legacy: "EnOS", state: "EnOS 指令状态" },
};

export interface CodeMapping {
  status: InvocationStatus;
  /** undefined for plain success */
  message?: string;
  delivery?: "sent" | "replied";
}

/** The table key of a code: legacy 6xx codes without their own entry share one. */
export function codeKey(family: CodeFamily, code: number): string {
  const key = `${family}:${code}`;
  if (family === "legacy" && !(key in CODE_RULES) && code >= 600 && code < 700) return "legacy:6xx";
  return key;
}

/** "EnOS 11810: codec failed", or "EnOS 11810" without (or ignoring) the platform's text. */
function detail(family: CodeFamily, code: number, msg: string | null | undefined, quiet = false, locale: Locale = "en-US"): string {
  const base = `${DETAIL_PREFIX[locale][family]} ${code}`;
  return msg && !quiet ? `${base}: ${msg}` : base;
}

function compose(t: CodeText, detailText: string, locale: Locale = "en-US"): string {
  if (locale === "zh-CN") return `${t.text}（${detailText}）。${t.fix ?? ""}`;
  return `${t.text} (${detailText}).${t.fix ? ` ${t.fix}` : ""}`;
}

/** A known code's status and message; undefined for a code enos.md does not list. */
export function describeCode(family: CodeFamily, code: number, msg?: string | null, locale: Locale = "en-US"): CodeMapping | undefined {
  const key = codeKey(family, code);
  const rule = CODE_RULES[key];
  const text = TABLES[locale][key];
  if (!rule || !text) return undefined;
  const mapping: CodeMapping = { status: rule.status, message: compose(text, detail(family, code, msg, text.quiet, locale), locale) };
  if (rule.delivery) mapping.delivery = rule.delivery;
  return mapping;
}

/** The fix sentence for a code (token manager and client word their own errors around it). */
export function codeFix(family: CodeFamily, code: number, locale: Locale = "en-US"): string | undefined {
  return TABLES[locale][codeKey(family, code)]?.fix;
}

/** A text-only entry ("invoke:…") with its {placeholders} filled in. */
export function messageText(key: string, values: Record<string, string> = {}, locale: Locale = "en-US"): string {
  return fill(TABLES[locale][key]?.text ?? key, values);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");
}

/**
 * Maps the `code` of an invokeService answer. A code EnOS does not document, next to a commandId,
 * means the command went out and the device answered with its own error code.
 */
export function mapInvokeCode(
  code: number,
  msg: string | null | undefined,
  ctx: { commandId?: string | null; pendingTtlS?: number } = {},
  locale: Locale = "en-US",
): CodeMapping {
  if (code === 0) return successMapping(ctx, locale);
  const known = describeCode("api", code, msg, locale);
  if (known) return known;
  if (ctx.commandId) {
    return { status: "FAILED", message: deviceError(code, msg, locale), delivery: "replied" };
  }
  return { status: "FAILED", message: refused(detail("api", code, msg, false, locale), locale) };
}

function deviceError(code: number, msg: string | null | undefined, locale: Locale): string {
  return fill(TABLES[locale]["invoke:device-error"]!.text, { code: String(code), msg: msg ? (locale === "zh-CN" ? `：${msg}` : `: ${msg}`) : "" });
}

function refused(detailText: string, locale: Locale): string {
  const text = TABLES[locale]["invoke:refused"]!.text;
  return locale === "zh-CN" ? `${text}（${detailText}）。` : `${text} (${detailText}).`;
}

function successMapping(ctx: { commandId?: string | null; pendingTtlS?: number }, locale: Locale): CodeMapping {
  if (!ctx.pendingTtlS) return { status: "SUCCEEDED", delivery: "replied" };
  const values = { commandId: ctx.commandId ? (locale === "zh-CN" ? `（${ctx.commandId}）` : ` (${ctx.commandId})`) : "", ttl: String(ctx.pendingTtlS) };
  return { status: "QUEUED", message: fill(TABLES[locale]["invoke:queued"]!.text, values) };
}

/** EnOS command state names (get/search command), as the platform documents them. */
export const ENOS_COMMAND_STATES: Readonly<Record<number, { name: string; status: InvocationStatus }>> = {
  1: { name: "Created", status: "QUEUED" },
  2: { name: "Canceled", status: "CANCELED" },
  3: { name: "Expired", status: "EXPIRED" },
  4: { name: "Released", status: "SENT" },
  5: { name: "Sent successfully", status: "SUCCEEDED" },
  6: { name: "Failed", status: "FAILED" },
  7: { name: "Response timed out", status: "TIMED_OUT" },
};

export function mapCommandState(state: number): InvocationStatus | undefined {
  return CODE_RULES[`state:${state}`]?.status;
}

/** A command state's status and message ("… (EnOS command state 3: Expired). …"). */
export function describeCommandState(state: number, locale: Locale = "en-US"): CodeMapping | undefined {
  return describeCode("state", state, ENOS_COMMAND_STATES[state]?.name, locale);
}

/**
 * Maps the `status` of an older-API answer, or of its ServiceInvokeInfo. A code the contract does
 * not list, on an answer whose device replied, is the device's own error code.
 */
export function mapLegacyStatus(
  status: number,
  msg: string | null | undefined,
  ctx: { deviceReplied?: boolean } = {},
  locale: Locale = "en-US",
): CodeMapping {
  if (status === 0) return { status: "SUCCEEDED", delivery: "replied" };
  if (ctx.deviceReplied && !(codeKey("legacy", status) in CODE_RULES)) {
    return { status: "FAILED", message: deviceError(status, msg, locale), delivery: "replied" };
  }
  return describeCode("legacy", status, msg, locale) ?? { status: "FAILED", message: refused(detail("legacy", status, msg, false, locale), locale) };
}
