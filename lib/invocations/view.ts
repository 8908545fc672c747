import type { Invocation, InvocationEvent } from "../generated/prisma/client";
import type { InvocationEventView, InvocationView } from "./types";

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toInvocationView(row: Invocation & { events?: InvocationEvent[] }): InvocationView {
  return {
    id: row.id,
    userId: row.userId,
    userEmail: row.userEmail,
    userRole: row.userRole,
    connectionId: row.connectionId,
    connectionName: row.connectionName,
    platform: row.platform,
    orgId: row.orgId,
    productKey: row.productKey,
    deviceKey: row.deviceKey,
    assetId: row.assetId,
    deviceName: row.deviceName,
    serviceId: row.serviceId,
    serviceName: row.serviceName,
    input: row.input,
    reason: row.reason,
    mode: row.mode,
    timeoutMs: row.timeoutMs,
    pendingTtlS: row.pendingTtlS,
    status: row.status,
    output: row.output,
    platformCode: row.platformCode,
    platformMessage: row.platformMessage,
    message: row.statusMessage,
    platformRequestId: row.platformRequestId,
    commandId: row.commandId,
    messageId: row.messageId,
    rawState: row.rawState,
    requestedAt: row.requestedAt.toISOString(),
    sentAt: iso(row.sentAt),
    deviceRepliedAt: iso(row.deviceRepliedAt),
    completedAt: iso(row.completedAt),
    latencyMs: row.latencyMs,
    events: row.events?.map(toEventView),
  };
}

function toEventView(e: InvocationEvent): InvocationEventView {
  return { at: e.at.toISOString(), type: e.type, data: e.data };
}
