// The Alibaba device side of a simulated device (aliyun.md §5): sync services arrive over RRPC
// (`/sys/{pk}/{dn}/rrpc/request/{messageId}`, answered on `…/rrpc/response/{messageId}` at QoS 0),
// async ones on `/sys/{pk}/{dn}/thing/service/{identifier}` (answered on `…_reply`). Replies come
// from the TSL, shaped by the control-API behaviour.
import type { Behaviour } from "../devices";
import type { DeviceProtocol, DeviceReplyPlan } from "../mqtt/simulated-device";
import { replyDataText, replyText } from "./alink";
import { aliyunDeviceCredentials } from "./device-login";
import { parseRawJson, type RawValue } from "./raw-json";
import type { TslService } from "./tsl";

/** Alink device code for "request error" (no such service on this device). */
const NO_HANDLER = 460;

export const rrpcRequestTopic = (pk: string, dn: string, messageId: string) => `/sys/${pk}/${dn}/rrpc/request/${messageId}`;
export const rrpcResponseTopic = (pk: string, dn: string, messageId: string) => `/sys/${pk}/${dn}/rrpc/response/${messageId}`;
export const serviceTopic = (pk: string, dn: string, suffix: string) => `/sys/${pk}/${dn}/thing/service/${suffix}`;

export function aliyunDeviceProtocol(opts: {
  productKey: string;
  deviceName: string;
  secret: string;
  services: ReadonlyMap<string, TslService>;
  behaviour: () => Behaviour | undefined;
}): DeviceProtocol {
  const { productKey: pk, deviceName: dn } = opts;
  const rrpcPrefix = rrpcRequestTopic(pk, dn, "");
  const servicePrefix = serviceTopic(pk, dn, "");
  const services = [...opts.services.values()];
  return {
    name: `aliyun ${pk}/${dn}`,
    credentials: (now) => aliyunDeviceCredentials(pk, dn, opts.secret, now),
    subscriptions: [`${rrpcPrefix}+`, `${servicePrefix}#`],
    answer(topic, payload): DeviceReplyPlan | null {
      if (topic.startsWith(rrpcPrefix)) {
        const messageId = topic.slice(rrpcPrefix.length);
        const req = parseRequest(payload);
        const svc = req ? services.find((s) => s.method === req.method) : undefined;
        return plan(req, svc, req?.method.replace(/^thing\.service\./, ""), rrpcResponseTopic(pk, dn, messageId), 0);
      }
      const suffix = topic.slice(servicePrefix.length);
      // '#' also delivers our own replies: only requests are answered
      if (!topic.startsWith(servicePrefix) || suffix.endsWith("_reply")) return null;
      const svc = services.find((s) => s.topicSuffix === suffix);
      return plan(parseRequest(payload), svc, suffix, `${topic}_reply`, 1);
    },
  };

  function plan(req: AlinkRequest | null, svc: TslService | undefined, fallbackId: string | undefined, replyTopic: string, qos: 0 | 1): DeviceReplyPlan | null {
    const b = opts.behaviour();
    const identifier = svc?.identifier ?? fallbackId ?? "";
    if (!req || !b || b.neverReply.includes(identifier)) return null;
    return { topic: replyTopic, payload: reply(req, svc, identifier, b), delayMs: b.latencyMs, qos };
  }
}

interface AlinkRequest {
  id: string;
  method: string;
  params: Map<string, RawValue>;
}

function parseRequest(payload: Buffer): AlinkRequest | null {
  try {
    const msg = parseRawJson(payload.toString("utf8"));
    if (msg.kind !== "object") return null;
    const id = msg.members.get("id");
    const method = msg.members.get("method");
    const params = msg.members.get("params");
    if (id?.kind !== "string" && id?.kind !== "number") return null;
    return {
      id: id.kind === "string" ? id.value : id.raw,
      method: method?.kind === "string" ? method.value : "",
      params: params?.kind === "object" ? params.members : new Map(),
    };
  } catch {
    return null;
  }
}

function reply(req: AlinkRequest, svc: TslService | undefined, identifier: string, b: Behaviour): string {
  const failure = b.fail?.[identifier];
  if (failure) return replyText(req.id, failure.code, "{}", failure.message);
  if (!svc) return replyText(req.id, NO_HANDLER, "{}", `no handler for service ${identifier}`);
  return replyText(req.id, 200, replyDataText(svc.outputs, req.params), "success");
}
