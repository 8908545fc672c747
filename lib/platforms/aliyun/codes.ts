// Alibaba answers -> the shared invocation status, plus a message a field engineer can act on.
// The raw code always travels alongside (InvokeOutcome.platformCode).
import type { InvocationStatus } from "../../invocations/status";
import type { Locale } from "../../thing-model/types";
import type { PlatformErrorKind } from "../types";
import { codeText } from "./errors";

export const RATE_LIMITED = "rate limited by the platform";

export interface CodeMapping {
  status: InvocationStatus;
  message: string;
  /** the call got as far as the device (a sync call that timed out) */
  reachedDevice?: boolean;
}

/** Gateway throttling (per-account QPS) and the message layer's own rate limit. */
export function isThrottling(code: string | undefined): boolean {
  return !!code && (code === "Throttling" || code.startsWith("Throttling.") || code === "iot.messagebroker.RateLimit");
}

type Describe = (what: string) => CodeMapping;

const INVOKE_CODES: Record<string, Describe> = {
  "iot.messagebroker.OFFLINE": (what) => ({
    status: "FAILED",
    message: `The device is offline, so Alibaba Cloud could not deliver the call (${what}). Bring the device online and try again.`,
  }),
  "iot.messagebroker.HALFCONN": (what) => ({
    status: "FAILED",
    message: `The device is offline: it dropped its connection moments ago (${what}). Wait until it reconnects and try again.`,
  }),
  "iot.messagebroker.TIMEOUT": (what) => ({
    status: "TIMED_OUT",
    reachedDevice: true,
    message: `The device did not answer within Alibaba Cloud's 8 s limit for sync services (${what}). It may still have carried the call out: check the device before retrying.`,
  }),
  "iot.device.InvokeThingServiceFailed": (what) => ({ status: "FAILED", message: `Alibaba Cloud refused the call (${what}).` }),
  "iot.device.InactiveDevice": (what) => ({
    status: "FAILED",
    message: `The device has never connected to Alibaba Cloud, so it cannot take calls (${what}). Connect it once to activate it.`,
  }),
  "iot.messagebroker.RrpcFailed": (what) => ({ status: "FAILED", message: `Alibaba Cloud could not send the sync call to the device (${what}). Try again.` }),
  "iot.messagebroker.RrpcException": (what) => ({ status: "FAILED", message: `Alibaba Cloud hit an error sending the sync call (${what}). Try again.` }),
  "iot.system.SystemException": (what) => ({ status: "FAILED", message: `Alibaba Cloud had an internal error (${what}). Try again later.` }),
  "iot.system.InstanceNotFound": instanceNotFound,
  "iot.Sre.IotInstanceNotFound": instanceNotFound,
  "iot.common.RamActionPermissionDeny": permissionDenied,
  "iot.common.AuthActionPermissionDeny": permissionDenied,
};

function instanceNotFound(what: string): CodeMapping {
  return {
    status: "FAILED",
    message: `Alibaba Cloud does not know the connection's IoT instance (${what}). Check the instance ID (leave it empty for the old public instance).`,
  };
}

function permissionDenied(what: string): CodeMapping {
  return { status: "FAILED", message: `The connection's AccessKey may not call services on this device (${what}). Grant it IoT permissions in RAM.` };
}

/** INVOKE_CODES in Simplified Chinese: the same keys, the same statuses. */
const INVOKE_TEXT_ZH: Record<string, (what: string) => string> = {
  "iot.messagebroker.OFFLINE": (what) => `设备离线，阿里云无法下发该调用（${what}）。请让设备上线后重试。`,
  "iot.messagebroker.HALFCONN": (what) => `设备离线：它刚刚断开了连接（${what}）。请等待设备重新连接后重试。`,
  "iot.messagebroker.TIMEOUT": (what) => `设备未在阿里云同步服务的 8 秒时限内应答（${what}）。设备可能已经执行了该调用：重试前请先检查设备。`,
  "iot.device.InvokeThingServiceFailed": (what) => `阿里云拒绝了该调用（${what}）。`,
  "iot.device.InactiveDevice": (what) => `设备从未连接过阿里云，因此无法接受调用（${what}）。请先让设备连接一次以完成激活。`,
  "iot.messagebroker.RrpcFailed": (what) => `阿里云无法将同步调用发送到设备（${what}）。请重试。`,
  "iot.messagebroker.RrpcException": (what) => `阿里云发送同步调用时出错（${what}）。请重试。`,
  "iot.system.SystemException": (what) => `阿里云内部错误（${what}）。请稍后重试。`,
  "iot.system.InstanceNotFound": (what) => `阿里云找不到该连接的物联网实例（${what}）。请检查实例 ID（旧版公共实例请留空）。`,
  "iot.Sre.IotInstanceNotFound": (what) => `阿里云找不到该连接的物联网实例（${what}）。请检查实例 ID（旧版公共实例请留空）。`,
  "iot.common.RamActionPermissionDeny": (what) => `该连接的 AccessKey 无权调用此设备上的服务（${what}）。请在 RAM 中为其授予物联网平台权限。`,
  "iot.common.AuthActionPermissionDeny": (what) => `该连接的 AccessKey 无权调用此设备上的服务（${what}）。请在 RAM 中为其授予物联网平台权限。`,
};

const NOT_FOUND_PREFIXES = ["iot.device.NotExistedDevice", "iot.device.InvalidIoTId", "iot.device.NullDeviceName", "iot.device.InvalidFormattedDeviceName", "iot.prod."];

/** Success:false answers of InvokeThingService / InvokeThingsService. */
export function mapInvokeError(code: string, msg?: string | null, locale: Locale = "en-US"): CodeMapping {
  const what = codeText(code, msg);
  const zh = locale === "zh-CN";
  if (isThrottling(code)) {
    return { status: "FAILED", message: zh ? `该调用被平台限流（${what}）。请稍等片刻再试。` : `The call was ${RATE_LIMITED} (${what}). Wait a moment and try again.` };
  }
  const known = Object.hasOwn(INVOKE_CODES, code) ? INVOKE_CODES[code] : undefined;
  if (known) {
    const mapping = known(what);
    const zhText = INVOKE_TEXT_ZH[code];
    return zh && zhText ? { ...mapping, message: zhText(what) } : mapping;
  }
  if (NOT_FOUND_PREFIXES.some((p) => code.startsWith(p))) {
    return {
      status: "FAILED",
      message: zh ? `阿里云找不到该设备或产品（${what}）。请检查产品 Key 和设备名称。` : `Alibaba Cloud found no such device or product (${what}). Check the product key and device name.`,
    };
  }
  return { status: "FAILED", message: zh ? `阿里云拒绝了该调用（${what}）。` : `Alibaba Cloud refused the call (${what}).` };
}

/** Alink device codes (aliyun.md §5): 200 ok, 400 internal error, 460 bad params, 429 busy. */
export function deviceErrorMessage(code: number, msg?: string | null, locale: Locale = "en-US"): string {
  if (locale === "zh-CN") {
    const hintZh = code === 460 ? "设备拒绝了这些参数。" : code === 429 ? "设备繁忙，请稍后重试。" : "";
    return `设备返回了错误 ${code}${msg ? `：${msg}` : ""}。${hintZh}`;
  }
  const hint = code === 460 ? " The device rejected the parameters." : code === 429 ? " The device is busy; try again later." : "";
  return `The device answered with error ${code}${msg ? `: ${msg}` : ""}.${hint}`;
}

// ---- gateway (POP) errors ---------------------------------------------------------------------

const AUTH_HINTS: Record<string, string> = {
  "InvalidAccessKeyId.NotFound": "Check the AccessKey ID.",
  "InvalidAccessKeyId.Inactive": "The AccessKey is disabled; enable it or use another.",
  InvalidAccessKeyId: "Check the AccessKey ID.",
  SignatureDoesNotMatch: "Check the AccessKey secret.",
  IncompleteSignature: "Check the AccessKey secret.",
  "InvalidTimeStamp.Expired": "Check this server's clock: it must be within 15 minutes of Alibaba Cloud's.",
  "InvalidTimeStamp.Format": "Check this server's clock.",
  SignatureNonceUsed: "The request looked like a replay; try again.",
  "Forbidden.RAM": "The RAM user may not call this API; grant it IoT permissions.",
  "Forbidden.AccessKeyDisabled": "The AccessKey is disabled; enable it or use another.",
  MissingAccessKeyId: "Check that the connection has an AccessKey ID.",
};

export function isAuthCode(code: string): boolean {
  return Object.hasOwn(AUTH_HINTS, code);
}

export function authHint(code: string): string {
  return AUTH_HINTS[code] ?? "Check the AccessKey ID and secret.";
}

export function gatewayKind(code: string, status: number | undefined): PlatformErrorKind {
  if (isAuthCode(code) || status === 401 || status === 403) return "auth";
  if (status !== undefined && status >= 500) return "platform";
  return "request";
}
