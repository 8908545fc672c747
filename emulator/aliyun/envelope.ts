// Response shapes of the Alibaba Cloud POP gateway and the IoT API (aliyun.md §1, §6, §7):
// success and business errors are HTTP 200 `{RequestId, Success, ...}`; gateway errors are 4xx/5xx
// `{RequestId, HostId, Code, Message, Recommend}`; either may be asked for as XML.
import { randomUUID } from "node:crypto";
import type { ApiResponse } from "../http/types";
import { toXml } from "./xml";

/** Upper-case UUID, like the platform's RequestId. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** An IoT business error: HTTP 200, `Success:false, Code, ErrorMessage`. */
export class AliyunError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A gateway (POP) error: authentication, signature, throttling, routing, missing parameters. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const missing = (name: string) => new GatewayError(400, `Missing${name}`, `${name} is mandatory for this action.`);

export type Format = "JSON" | "XML";

/** `Format` is case-insensitive; anything but XML (or nothing) answers JSON. */
export function formatOf(raw: string | undefined): Format {
  return raw?.toUpperCase() === "XML" ? "XML" : "JSON";
}

const JSON_TYPE = "application/json;charset=utf-8";
const XML_TYPE = "text/xml;charset=utf-8";

function render(status: number, root: string, body: Record<string, unknown>, format: Format): ApiResponse {
  if (format === "XML") return { status, body, text: toXml(root, body), contentType: XML_TYPE };
  return { status, body, text: JSON.stringify(body), contentType: JSON_TYPE };
}

/** Success: `RequestId`, `Success:true`, then the action's fields (Data, paging...). */
export function success(action: string, fields: Record<string, unknown>, format: Format): ApiResponse {
  return render(200, `${action}Response`, { RequestId: newRequestId(), Success: true, ...fields }, format);
}

export function businessError(action: string, e: AliyunError, format: Format): ApiResponse {
  const body = { RequestId: newRequestId(), Success: false, Code: e.code, ErrorMessage: e.message };
  return render(200, `${action}Response`, body, format);
}

export function gatewayError(e: GatewayError, hostId: string, format: Format): ApiResponse {
  const requestId = newRequestId();
  const body = {
    RequestId: requestId,
    HostId: hostId,
    Code: e.code,
    Message: e.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(e.code)}&product=Iot&requestId=${requestId}`,
  };
  return render(e.status, "Error", body, format);
}
