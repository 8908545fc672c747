// The HTTP API's own error messages in the caller's language (Accept-Language; English by default).
// `code` never changes; a message not listed here (a library's or a platform's) is sent as written.
import { resolveLocale, type Locale } from "../i18n/config";

type Rule = [RegExp, string];

const ZH: readonly Rule[] = [
  [/^The request is not valid\.$/, "请求无效。"],
  [/^The request body is not valid\. See issues\.$/, "请求体无效，详见 issues。"],
  [/^The limit is not valid\.$/, "limit 参数无效。"],
  [/^The export format is not valid\.$/, "导出格式无效。"],
  [/^The device's thing model does not accept this request\. See issues\.$/, "设备的物模型不接受此请求，详见 issues。"],
  [/^The body is not valid JSON\.$/, "请求体不是有效的 JSON。"],
  [/^The body is limited to (\d+) KiB\.$/, "请求体不能超过 $1 KiB。"],
  [/^The Idempotency-Key header is too long\.$/, "Idempotency-Key 请求头过长。"],
  [/^The Idempotency-Key header and the body's idempotencyKey differ\.$/, "Idempotency-Key 请求头与请求体中的 idempotencyKey 不一致。"],
  [/^The API token is unknown or revoked\. Create a token under API tokens in the console\.$/, "API 令牌不存在或已被撤销。请在控制台的“API 令牌”页面创建令牌。"],
  [/^Some filters are not valid\. See issues\.$/, "部分筛选条件无效，详见 issues。"],
  [/^Send the body as JSON \(Content-Type: application\/json\)\.$/, "请以 JSON 格式发送请求体（Content-Type: application/json）。"],
  [
    /^Send a personal API token: `Authorization: Bearer dsc_…` \(create one under API tokens in the console\)\.$/,
    "请发送个人 API 令牌：`Authorization: Bearer dsc_…`（在控制台的“API 令牌”页面创建）。",
  ],
  [/^No invocation with id (.+)\.$/, "没有 ID 为 $1 的调用记录。"],
  [/^An unexpected error occurred on the server\. Details are in the server log\.$/, "服务器发生意外错误。详情请查看服务器日志。"],
];

export function apiLocale(request: Request | undefined): Locale {
  return resolveLocale(null, request?.headers.get("accept-language"));
}

/** The message in `locale` when it is one of the API's own; else unchanged. */
export function localizeApiMessage(message: string, locale: Locale): string {
  if (locale === "en-US") return message;
  for (const [pattern, zh] of ZH) if (pattern.test(message)) return message.replace(pattern, zh);
  return message;
}
