// InvokeThingService (sync over RRPC within 8 s, async on the service topic) and
// InvokeThingsService (batch, async only), aliyun.md §3.1-3.2. Checks run before anything is sent:
// instance, device, service, Args against the TSL, device state.
import { newCommandId } from "../ids";
import { rrpcRequestTopic, rrpcResponseTopic, serviceTopic } from "./device-protocol";
import type { AliyunDevice } from "./catalog";
import type { AliyunContext } from "./context";
import { AliyunError, missing } from "./envelope";
import { checkArgs } from "./args-check";
import { checkInstance, requireDevice, requireOnline, requireProduct, selectDevice, type Params } from "./params";
import { parseRawJson, RawJsonError } from "./raw-json";
import type { TslService } from "./tsl";

/** The documented sync limit (older docs: 5 s). */
export const SYNC_TIMEOUT_MS = 8_000;
/** How long an async call's `_reply` is still recorded for QueryDeviceServiceData (emulator choice). */
const ASYNC_REPLY_WINDOW_MS = 60 * 60_000;
export const MAX_BATCH_DEVICES = 100;

const FAILED = "iot.device.InvokeThingServiceFailed";

let alinkSeq = Math.floor(Math.random() * 1_000_000);
/** Alink message ids are numeric strings 0..4294967295, unique per device. */
function newAlinkId(): string {
  alinkSeq = (alinkSeq + 1) % 4_294_967_295;
  return String(alinkSeq);
}

export async function invokeThingService(ctx: AliyunContext): Promise<Record<string, unknown>> {
  checkInstance(ctx.params, ctx.account);
  const device = selectDevice(ctx.params, ctx.catalog);
  const { service, args } = checkedCall(ctx.params, device);
  requireOnline(device);
  if (service.callType === "async") return { Data: { MessageId: sendAsync(ctx, device, service, args) } };
  return { Data: await sendSync(ctx, device, service, args) };
}

export async function invokeThingsService(ctx: AliyunContext): Promise<Record<string, unknown>> {
  checkInstance(ctx.params, ctx.account);
  const product = requireProduct(ctx.catalog, ctx.params.get("ProductKey"));
  const names = ctx.params.repeated("DeviceName");
  if (names.length === 0) throw new AliyunError("iot.device.NullDeviceName", "DeviceName.N is mandatory for this action.");
  if (names.length > MAX_BATCH_DEVICES) throw new AliyunError("iot.system.IllegalRequest", `At most ${MAX_BATCH_DEVICES} DeviceName.N are allowed, got ${names.length}.`);
  const devices = names.map((n) => requireDevice(ctx.catalog, product.productKey, n));
  const first = devices[0];
  if (!first) throw new AliyunError("iot.device.NullDeviceName", "DeviceName.N is mandatory for this action.");
  const { service, args } = checkedCall(ctx.params, first);
  if (service.callType !== "async") throw new AliyunError(FAILED, `InvokeThingsService only calls async services; ${service.identifier} is sync.`);
  // emulator choice: offline devices are skipped, the call succeeds for the others
  for (const d of devices) {
    if (d.record.behaviour.online) sendAsync(ctx, d, service, args);
  }
  return {};
}

/** Identifier and Args, checked against the device's TSL. */
function checkedCall(p: Params, device: AliyunDevice): { service: TslService; args: string } {
  const identifier = p.get("Identifier");
  if (!identifier) throw missing("Identifier");
  const args = p.get("Args");
  if (args === undefined) throw missing("Args");
  const service = device.product.services.get(identifier);
  if (!service) throw new AliyunError(FAILED, `The service ${identifier} is not defined in the TSL of product ${device.product.productKey}.`);
  let problem: string | null;
  try {
    problem = checkArgs(service.inputs, parseRawJson(args));
  } catch (e) {
    if (!(e instanceof RawJsonError)) throw e;
    problem = `Args: not valid JSON (${e.message})`;
  }
  if (problem) throw new AliyunError(FAILED, `Invalid Args for ${identifier}: ${problem}`);
  return { service, args };
}

/** `{id, version, params, method}` with Args spliced in as text, so float literals travel as written. */
function alinkRequest(id: string, service: TslService, args: string): string {
  return `{"id":${JSON.stringify(id)},"version":"1.0","params":${args},"method":${JSON.stringify(service.method)}}`;
}

function record(ctx: AliyunContext, device: AliyunDevice, service: TslService, args: string, messageId: string) {
  return ctx.history.add({ iotId: device.seed.iotId, identifier: service.identifier, name: service.name, time: ctx.now(), inputData: args, messageId });
}

async function sendSync(ctx: AliyunContext, device: AliyunDevice, service: TslService, args: string): Promise<Record<string, unknown>> {
  const { productKey: pk, deviceName: dn } = device.seed;
  const messageId = newCommandId();
  const id = newAlinkId();
  const entry = record(ctx, device, service, args, messageId);
  const outcome = await ctx.link.request({
    topic: rrpcRequestTopic(pk, dn, messageId),
    replyTopic: rrpcResponseTopic(pk, dn, messageId),
    id,
    payload: alinkRequest(id, service, args),
    timeoutMs: SYNC_TIMEOUT_MS,
    qos: 0, // RRPC is QoS 0 only
  });
  if (outcome.kind === "closed") throw new AliyunError("iot.system.SystemException", "The platform is shutting down.");
  // The code for a sync call without a reply is not documented; iot.messagebroker.TIMEOUT is the
  // likeliest candidate (aliyun.md §3.1, unconfirmed).
  if (outcome.kind === "timeout") throw new AliyunError("iot.messagebroker.TIMEOUT", `The device did not reply within ${SYNC_TIMEOUT_MS / 1000} s.`);
  entry.outputData = outcome.reply.raw;
  return { MessageId: messageId, Result: outcome.reply.raw };
}

/** Publishes and returns the MessageId at once; the `_reply`, if any, lands in the history. */
function sendAsync(ctx: AliyunContext, device: AliyunDevice, service: TslService, args: string): string {
  const topic = serviceTopic(device.seed.productKey, device.seed.deviceName, service.topicSuffix);
  const messageId = newCommandId();
  const id = newAlinkId();
  const entry = record(ctx, device, service, args, messageId);
  const reply = ctx.link.request({ topic, replyTopic: `${topic}_reply`, id, payload: alinkRequest(id, service, args), timeoutMs: ASYNC_REPLY_WINDOW_MS });
  void reply.then((o) => {
    if (o.kind === "reply") entry.outputData = o.reply.raw;
  });
  return messageId;
}
