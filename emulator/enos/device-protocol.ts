// The EnOS device side of a simulated device: its login, its downstream subscription, and how it
// answers a service invocation (from its thing model, shaped by the control-API behaviour).
import type { Behaviour } from "../devices";
import type { DeviceProtocol, DeviceReplyPlan } from "../mqtt/simulated-device";
import { deviceCredentials } from "./device-login";
import { checkValue, isPlainObject } from "./input-check";
import type { CompiledService, ParamSpec } from "./thing-model";

/** Reply code a device SDK sends when it has no handler for a service. */
const NO_HANDLER = 1101;

export function serviceTopic(productKey: string, deviceKey: string, serviceId: string): string {
  return `/sys/${productKey}/${deviceKey}/thing/service/${serviceId}`;
}

export function enosDeviceProtocol(opts: {
  productKey: string;
  deviceKey: string;
  secret: string;
  services: Map<string, CompiledService> | undefined;
  behaviour: () => Behaviour | undefined;
}): DeviceProtocol {
  const prefix = serviceTopic(opts.productKey, opts.deviceKey, "");
  return {
    name: `enos ${opts.productKey}/${opts.deviceKey}`,
    credentials: (now) => deviceCredentials(opts.productKey, opts.deviceKey, opts.secret, now),
    subscriptions: [`${prefix}#`],
    answer(topic, payload): DeviceReplyPlan | null {
      const serviceId = topic.slice(prefix.length);
      // '#' also delivers replies and nested topics (measurepoint/set): not service requests
      if (!topic.startsWith(prefix) || serviceId.includes("/") || serviceId.endsWith("_reply")) return null;
      const request = parseRequest(payload);
      const b = opts.behaviour();
      if (!request || !b || b.neverReply.includes(serviceId)) return null;
      const reply = buildReply(serviceId, request, b, opts.services?.get(serviceId));
      return { topic: `${topic}_reply`, payload: JSON.stringify(reply), delayMs: b.latencyMs };
    },
  };
}

interface ServiceRequest {
  id: string | number;
  params: Record<string, unknown>;
}

function parseRequest(payload: Buffer): ServiceRequest | null {
  try {
    const msg: unknown = JSON.parse(payload.toString("utf8"));
    if (!isPlainObject(msg)) return null;
    const id = msg.id;
    if (typeof id !== "string" && typeof id !== "number") return null;
    return { id, params: isPlainObject(msg.params) ? msg.params : {} };
  } catch {
    return null;
  }
}

function buildReply(
  serviceId: string,
  req: ServiceRequest,
  b: Behaviour,
  service: CompiledService | undefined,
): Record<string, unknown> {
  const failure = b.fail?.[serviceId];
  if (failure) return { id: req.id, code: failure.code, message: failure.message, data: null };
  if (!service) return { id: req.id, code: NO_HANDLER, message: `no handler for service ${serviceId}`, data: null };
  return { id: req.id, code: 200, data: replyData(service, req.params) };
}

/** Each output echoes a same-named input when that value is valid for it, else a default. */
export function replyData(service: CompiledService, params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of service.outputs) {
    const echoed = params[spec.id];
    out[spec.id] = echoed !== undefined && checkValue(spec, echoed, spec.id) === null ? echoed : defaultFor(spec);
  }
  return out;
}

/** A valid value for a spec: the model's defaultValue when it has a valid one. */
export function defaultFor(spec: ParamSpec): unknown {
  if (spec.defaultValue !== undefined && checkValue(spec, spec.defaultValue, spec.id) === null) return spec.defaultValue;
  switch (spec.type) {
    case "INT":
    case "FLOAT":
    case "DOUBLE":
    case "TIMESTAMP":
      return 0;
    case "BOOL":
      return false;
    case "STRING":
    case "FILE":
      return "";
    case "DATE":
      return "1970-01-01";
    case "ENUM": {
      const first = spec.keys[0] ?? "0";
      return spec.enumType === "INT" ? Number(first) : first;
    }
    case "ARRAY":
      return [];
    case "STRUCT":
      return Object.fromEntries(spec.items.map((item) => [item.id, defaultFor(item)]));
    case "UNCHECKED":
      return null;
  }
}
