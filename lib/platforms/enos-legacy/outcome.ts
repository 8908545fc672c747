// An older-API answer -> InvokeOutcome. SYNC: the device's reply (or its timeout). ASYNC: SENT,
// since the result only goes to a control channel (or a callbackUrl) the console does not read.
import { mapLegacyStatus, messageText } from "../enos/codes";
import type { InvokeOutcome } from "../types";
import type { LegacyReply } from "./client";
import { serviceInvokeInfoSchema, type ServiceInvokeInfo } from "./schemas";

export function toLegacyOutcome(reply: LegacyReply, requestId: string): InvokeOutcome {
  const { status, msg, submsg, data } = reply.envelope;
  const parsed = serviceInvokeInfoSchema.safeParse(data);
  const info = parsed.success ? parsed.data : undefined;
  const deviceReplied = (info?.gmtDeviceReply ?? -1) > 0;
  const outcome: InvokeOutcome = { status: "FAILED", platformCode: String(status), platformRequestId: info?.requestId ?? requestId };
  const platformMessage = [msg, submsg].filter(Boolean).join(": ");
  if (platformMessage) outcome.platformMessage = platformMessage;
  if (info?.messageId) outcome.messageId = info.messageId;

  if (status === 0 && info?.callType?.toUpperCase() === "ASYNC") {
    return { ...outcome, status: "SENT", message: messageText("invoke:async-accepted", { channel: info.controlChannelId ?? "(none)" }), sentAt: when(info.gmtServiceRequest) ?? reply.sentAt };
  }
  // a device that answered with its own error: its code is the useful raw code
  const deviceCode = status !== 0 && deviceReplied && info?.status ? info.status : undefined;
  const mapped =
    deviceCode !== undefined
      ? mapLegacyStatus(deviceCode, info?.msg, { deviceReplied: true })
      : mapLegacyStatus(status === 0 ? (info?.status ?? 0) : status, status === 0 ? info?.msg : submsg || msg, { deviceReplied });
  if (deviceCode !== undefined) outcome.platformCode = String(deviceCode);
  outcome.status = mapped.status;
  if (mapped.message) outcome.message = mapped.message;
  if (mapped.status === "SUCCEEDED" && info?.outputData !== undefined && info.outputData !== null) outcome.output = info.outputData;
  return { ...outcome, ...times(info, reply, mapped.delivery) };
}

function when(ms: number | null | undefined): Date | undefined {
  return typeof ms === "number" && ms > 0 ? new Date(ms) : undefined;
}

/** The platform's own times when it gives them (gmtDeviceReply -1 = no reply), else the HTTP exchange. */
function times(info: ServiceInvokeInfo | undefined, reply: LegacyReply, delivery?: "sent" | "replied"): Partial<InvokeOutcome> {
  if (!delivery) return {};
  const out: Partial<InvokeOutcome> = { sentAt: when(info?.gmtServiceRequest) ?? reply.sentAt };
  if (delivery === "replied") out.deviceRepliedAt = when(info?.gmtDeviceReply) ?? reply.receivedAt;
  return out;
}
