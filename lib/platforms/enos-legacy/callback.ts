// The result of an ASYNC call on the older EnOS API reaches the console at a callback URL it names
// in the call (`callbackUrl`): POST /api/callbacks/enos-legacy/<requestId>?sig=<signature>. The
// signature (HMAC-SHA256 of the request id under the console's secret key) lets only a URL this
// console handed out finish an invocation. The docs say not to rely on the callback: an invocation
// whose result never arrives is marked TIMED_OUT by the reconciler after ASYNC_REPLY_WAIT_S.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { InvokeOutcome } from "../types";
import type { LegacyReply } from "./client";
import { toLegacyOutcome } from "./outcome";
import type { ServiceInvokeInfo } from "./schemas";

export const CALLBACK_PATH = "/api/callbacks/enos-legacy";

export function callbackSignature(key: Buffer, requestId: string): string {
  return createHmac("sha256", key).update(`enos-legacy-callback\n${requestId}`).digest("base64url");
}

export function isCallbackSignature(key: Buffer, requestId: string, signature: string | null): boolean {
  if (!signature) return false;
  const expected = Buffer.from(callbackSignature(key, requestId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The callback URL for one call, under the console's public base URL. */
export function callbackUrl(baseUrl: string, key: Buffer, requestId: string): string {
  const url = new URL(`${CALLBACK_PATH}/${encodeURIComponent(requestId)}`, baseUrl);
  url.searchParams.set("sig", callbackSignature(key, requestId));
  return url.toString();
}

/**
 * What a delivered result (ServiceInvokeInfo) means for the invocation: mapped as the reply of a
 * synchronous call would be (the device's output, its error code, or its timeout).
 */
export function callbackOutcome(info: ServiceInvokeInfo, receivedAt: Date): InvokeOutcome {
  const reply: LegacyReply = {
    // the result's own status is the call's: the platform's envelope around a SYNC reply carries it
    envelope: { status: info.status ?? 0, msg: info.msg ?? "Success", submsg: info.submsg ?? null, data: { ...info, callType: "SYNC" } },
    httpStatus: 200,
    sentAt: receivedAt,
    receivedAt,
  };
  return toLegacyOutcome(reply, info.requestId ?? "");
}
