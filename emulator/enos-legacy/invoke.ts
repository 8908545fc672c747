// PUT .../services/{serviceId}/invoke of the older API. SYNC services (the model's callType) hold
// the call until the device replies or `timeout` ms pass; ASYNC services answer at once with
// messageId null and a control channel, and the result is delivered later (control channel,
// callbackUrl). Emulator choices where the contract is silent:
// - a device that is offline or not activated: status 1000204 (Edge "invoke failed") at once
// - a device error reply: status 1000204, with data.status/msg = the device's own code and message
// - no reply in time: status 504, data.status 1000203 (Edge "timeout"), gmtDeviceReply -1
import { newCommandId } from "../ids";
import type { ApiRequest, ApiResponse } from "../http/types";
import type { LinkOutcome } from "../mqtt/platform-link";
import type { EnosSeedApp } from "../seed";
import { enosStatus, type DeviceSelector, type EnosDevice } from "../enos/catalog";
import { serviceTopic } from "../enos/device-protocol";
import { checkInputData, isPlainObject } from "../enos/input-check";
import type { LegacyDeps } from "./api";
import {
  EDGE_INVOKE_FAILED,
  EDGE_TIMEOUT,
  FORBIDDEN,
  INTERNAL,
  invalidArgument,
  LegacyError,
  legacyFailure,
  legacyOk,
  NOT_FOUND,
  OUT_OF_RANGE,
  TIMEOUT,
} from "./envelope";
import { postCallback, type ServiceInvokeInfo } from "./results";

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_TIMEOUT_MS = 300_000;

export interface InvokeTarget {
  selector: DeviceSelector;
  serviceId: string;
}

export interface LegacyContext extends LegacyDeps {
  req: ApiRequest;
  app: EnosSeedApp;
}

export async function legacyInvoke(ctx: LegacyContext, target: InvokeTarget): Promise<ApiResponse> {
  const q = ctx.req.query;
  const orgId = required(q, "orgId");
  const requestId = required(q, "requestId");
  const timeout = timeoutParam(q.get("timeout"));
  const callbackUrl = callbackParam(q.get("callbackUrl"));
  const args = readArgs(ctx.req.body);
  checkOrg(ctx, orgId);
  const device = ctx.catalog.findDevice(orgId, target.selector);
  if (!device) throw new LegacyError(NOT_FOUND, "Not Found", "device not found");
  const { productKey } = device.seed;
  const service = ctx.catalog.service(productKey, target.serviceId);
  if (!service) throw new LegacyError(NOT_FOUND, "Not Found", `service ${target.serviceId} is not defined in model ${device.product.modelId}`);
  const problem = checkInputData(service.inputs, args, "args");
  if (problem) throw invalidArgument(problem.split(":")[0] ?? "args", problem);
  const status = enosStatus(device);
  if (status !== "online") {
    const why = status === "inactive" ? "is not activated" : "is offline";
    return legacyFailure(EDGE_INVOKE_FAILED, "Invoke Failed", `device ${productKey}/${device.seed.deviceKey} ${why}`);
  }
  const info = startInfo(ctx, device, target.serviceId, { requestId, timeout, callbackUrl, args });
  if (info.callType === "ASYNC") {
    void deliver(ctx, info).then((done) => void postCallback(done, ctx.log));
    return legacyOk(info);
  }
  const done = await deliver(ctx, info);
  void postCallback(done, ctx.log);
  return answer(done);
}

function required(q: URLSearchParams, name: string): string {
  const v = q.get(name);
  if (v === null || v === "") throw invalidArgument(name, `${name} is missing`);
  return v;
}

function timeoutParam(raw: string | null): number {
  if (raw === null || raw === "") return DEFAULT_TIMEOUT_MS;
  if (!/^-?\d+$/.test(raw)) throw invalidArgument("timeout", "timeout must be an integer number of milliseconds");
  const n = Number(raw);
  if (n < 1 || n > MAX_TIMEOUT_MS) throw new LegacyError(OUT_OF_RANGE, "Parameter Out Of Range", `timeout must be 1..${MAX_TIMEOUT_MS} ms`);
  return n;
}

function callbackParam(raw: string | null): string | null {
  if (raw === null || raw === "") return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidArgument("callbackUrl", "callbackUrl must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalidArgument("callbackUrl", "callbackUrl must be an http(s) URL");
  return raw;
}

/** `{"args": {...}}` (seed / Edge docs) or the args map itself (Java SDK); an empty body is {}. */
export function readArgs(raw: string): Record<string, unknown> {
  if (raw.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw invalidArgument("args", "the body is not valid JSON");
  }
  if (!isPlainObject(body)) throw invalidArgument("args", "the body must be a JSON object");
  const keys = Object.keys(body);
  if (keys.length === 1 && keys[0] === "args") {
    if (!isPlainObject(body.args)) throw invalidArgument("args", "args must be a JSON object of service inputs");
    return body.args;
  }
  return body;
}

function checkOrg(ctx: LegacyContext, orgId: string): void {
  if (ctx.app.orgId === orgId) return;
  if (!ctx.catalog.knownOrg(orgId)) throw invalidArgument("orgId", "orgId does not exist");
  throw new LegacyError(FORBIDDEN, "Permission Denied", `the application has no access to orgId ${orgId}`);
}

/** The control channel an ASYNC result goes to: DATASVC.CONTROL.*, [A-Za-z0-9_.-], at most 64 chars. */
function controlChannel(orgId: string): string {
  return `DATASVC.CONTROL.${orgId.replace(/[^A-Za-z0-9_.-]/g, "_")}`.slice(0, 64);
}

function startInfo(
  ctx: LegacyContext,
  device: EnosDevice,
  serviceId: string,
  call: { requestId: string; timeout: number; callbackUrl: string | null; args: Record<string, unknown> },
): ServiceInvokeInfo {
  const callType = ctx.catalog.callType(device.seed.productKey, serviceId);
  return {
    requestId: call.requestId,
    messageId: null,
    requestMethod: `thing.service.${serviceId}`,
    callType,
    controlChannelId: callType === "ASYNC" ? controlChannel(device.product.orgId) : null,
    productKey: device.seed.productKey,
    deviceKey: device.seed.deviceKey,
    assetId: device.seed.assetId,
    serviceName: ctx.catalog.serviceName(device.seed.productKey, serviceId).defaultValue,
    serviceId,
    callbackUrl: call.callbackUrl,
    inputData: call.args,
    outputData: null,
    status: 0,
    msg: "SUCCESS",
    submsg: null,
    timeout: call.timeout,
    gmtServiceRequest: ctx.req.receivedAt,
    gmtServiceReply: ctx.now(),
    gmtDeviceReply: -1,
  };
}

/** Publishes the request to the device, waits for the reply, records the finished info. */
async function deliver(ctx: LegacyContext, info: ServiceInvokeInfo): Promise<ServiceInvokeInfo> {
  const messageId = newCommandId();
  const topic = serviceTopic(info.productKey, info.deviceKey, info.serviceId);
  const payload = JSON.stringify({ id: messageId, version: "1.0", method: info.requestMethod, params: info.inputData });
  const outcome = await ctx.link.request({ topic, replyTopic: `${topic}_reply`, id: messageId, payload, timeoutMs: info.timeout });
  const done = { ...finished(info, outcome), messageId, gmtServiceReply: ctx.now() };
  ctx.results.add(done);
  return done;
}

function finished(info: ServiceInvokeInfo, outcome: LinkOutcome): ServiceInvokeInfo {
  if (outcome.kind === "closed") return { ...info, status: INTERNAL, msg: "Internal Server Error" };
  if (outcome.kind === "timeout") {
    return { ...info, status: EDGE_TIMEOUT, msg: "TIMEOUT", submsg: `the device did not reply within ${info.timeout} ms` };
  }
  const reply = outcome.reply.message;
  const code = typeof reply.code === "number" ? reply.code : Number(reply.code);
  const gmtDeviceReply = outcome.reply.receivedAt;
  if (code === 200) return { ...info, outputData: isPlainObject(reply.data) ? reply.data : {}, gmtDeviceReply };
  const message = typeof reply.message === "string" && reply.message !== "" ? reply.message : "device returned error";
  return { ...info, status: Number.isFinite(code) ? code : EDGE_INVOKE_FAILED, msg: message, gmtDeviceReply };
}

function answer(info: ServiceInvokeInfo): ApiResponse {
  if (info.status === 0) return legacyOk(info);
  if (info.status === EDGE_TIMEOUT) return legacyFailure(TIMEOUT, "Timeout", info.submsg, info);
  if (info.status === INTERNAL) return legacyFailure(INTERNAL, "Internal Server Error", null);
  return legacyFailure(EDGE_INVOKE_FAILED, "Invoke Failed", `the device replied with code ${info.status}: ${info.msg}`, info);
}
