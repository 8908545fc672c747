// A device's reply as Alibaba passes it on: `Data.Result` of a sync call, `OutputData` in the
// service history. Its shape is unconfirmed (aliyun.md §3.1): the documentation shows only the
// output data, the service history the whole Alink reply. An object with a numeric `code` and a
// `data` member is read as the Alink reply; anything else as the output itself.
import type { InvokeOutcome } from "../types";
import { deviceErrorMessage } from "./codes";
import { alinkReplySchema } from "./schemas";

export type DeviceReply = { kind: "alink"; code: number; data: unknown; message?: string } | { kind: "data"; data: unknown };

export function parseDeviceReply(text: string): DeviceReply {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: "data", data: text };
  }
  const isEnvelope = typeof json === "object" && json !== null && !Array.isArray(json) && Object.hasOwn(json, "data");
  const alink = isEnvelope ? alinkReplySchema.safeParse(json) : undefined;
  if (!alink?.success) return { kind: "data", data: json };
  const { code, data, message } = alink.data;
  return message ? { kind: "alink", code, data, message } : { kind: "alink", code, data };
}

/** SUCCEEDED with the output, or FAILED with the device's own code and message. */
export function replyOutcome(reply: DeviceReply): InvokeOutcome {
  if (reply.kind === "data") return { status: "SUCCEEDED", output: reply.data };
  if (reply.code === 200) return { status: "SUCCEEDED", output: reply.data, platformCode: "200" };
  const outcome: InvokeOutcome = { status: "FAILED", platformCode: String(reply.code), message: deviceErrorMessage(reply.code, reply.message) };
  if (reply.message) outcome.platformMessage = reply.message;
  return outcome;
}
