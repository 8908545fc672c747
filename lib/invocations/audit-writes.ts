// The two writes of every invocation, each one SQL statement: the PENDING row with its "recorded"
// event, and the outcome with its "finished"/"accepted" event. A data-modifying CTE keeps each pair
// atomic without an interactive transaction, so an invocation costs two database round trips
// instead of nine, and a busy pool can no longer fail it with "Unable to start a transaction in
// the given time" after the platform was already called.
import "server-only";
import { prisma } from "../db";
import type { Invocation } from "../generated/prisma/client";
import { Prisma } from "../generated/prisma/client";
import type { InvocationStatus } from "./status";

export interface PendingRecord {
  id: string;
  idempotencyKey: string | null;
  userId: string;
  userEmail: string;
  userRole: string;
  connectionId: string;
  connectionName: string;
  platform: string;
  orgId: string | null;
  instanceId: string | null;
  productKey: string;
  deviceKey: string;
  assetId: string | null;
  iotId: string | null;
  deviceName: string | null;
  serviceId: string;
  serviceName: string | null;
  input: unknown;
  reason: string | null;
  mode: string;
  timeoutMs: number;
  pendingTtlS: number | null;
  ownerInstanceId: string;
  /** this server's clock, as Prisma's @default(now()) used */
  requestedAt: Date;
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * Inserts the PENDING row and its "recorded" event. null when the idempotency key is already taken
 * (by a concurrent request that won the insert): nothing was written then.
 */
export async function insertPending(r: PendingRecord, event: Record<string, unknown>): Promise<Invocation | null> {
  const rows = await prisma.$queryRaw<Invocation[]>`
    WITH inserted AS (
      INSERT INTO "invocation" (
        "id", "idempotencyKey", "userId", "userEmail", "userRole", "connectionId", "connectionName", "platform", "orgId",
        "instanceId", "productKey", "deviceKey", "assetId", "iotId", "deviceName", "serviceId", "serviceName", "input",
        "reason", "mode", "timeoutMs", "pendingTtlS", "status", "ownerInstanceId", "requestedAt")
      VALUES (
        ${r.id}::uuid, ${r.idempotencyKey}, ${r.userId}, ${r.userEmail}, ${r.userRole}::"Role", ${r.connectionId}::uuid,
        ${r.connectionName}, ${r.platform}, ${r.orgId}, ${r.instanceId}, ${r.productKey}, ${r.deviceKey}, ${r.assetId},
        ${r.iotId}, ${r.deviceName}, ${r.serviceId}, ${r.serviceName}, ${json(r.input)}::jsonb, ${r.reason}, ${r.mode},
        ${r.timeoutMs}::int, ${r.pendingTtlS}::int, 'PENDING', ${r.ownerInstanceId}::uuid, ${r.requestedAt}::timestamptz)
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING *
    ), recorded AS (
      INSERT INTO "invocation_event" ("invocationId", "at", "type", "data")
      SELECT "id", ${r.requestedAt}::timestamptz, 'recorded', ${json(event)}::jsonb FROM inserted
    )
    SELECT * FROM inserted`;
  return rows[0] ?? null;
}

export interface Outcome {
  status: InvocationStatus;
  output: unknown;
  platformCode: string | null;
  platformMessage: string | null;
  statusMessage: string | null;
  platformRequestId: string | null;
  commandId: string | null;
  messageId: string | null;
  rawState: string | null;
  sentAt: Date | null;
  deviceRepliedAt: Date | null;
  completedAt: Date | null;
  latencyMs: number | null;
  nextPollAt: Date | null;
}

/**
 * Writes the outcome of a PENDING row and its event. Only a PENDING row is changed, so running it
 * again (a retry after a lost reply) cannot write a second event; the row as it is now comes back.
 */
export async function finishPending(id: string, o: Outcome, event: { type: string; at: Date; data: Record<string, unknown> }): Promise<Invocation> {
  const rows = await prisma.$queryRaw<Invocation[]>`
    WITH finished AS (
      UPDATE "invocation" SET
        "status" = ${o.status}::"InvocationStatus", "output" = ${json(o.output)}::jsonb, "platformCode" = ${o.platformCode},
        "platformMessage" = ${o.platformMessage}, "statusMessage" = ${o.statusMessage}, "platformRequestId" = ${o.platformRequestId},
        "commandId" = ${o.commandId}, "messageId" = ${o.messageId}, "rawState" = ${o.rawState}, "sentAt" = ${o.sentAt}::timestamptz,
        "deviceRepliedAt" = ${o.deviceRepliedAt}::timestamptz, "completedAt" = ${o.completedAt}::timestamptz,
        "latencyMs" = ${o.latencyMs}::int, "nextPollAt" = ${o.nextPollAt}::timestamptz
      WHERE "id" = ${id}::uuid AND "status" = 'PENDING'
      RETURNING *
    ), logged AS (
      INSERT INTO "invocation_event" ("invocationId", "at", "type", "data")
      SELECT "id", ${event.at}::timestamptz, ${event.type}, ${json(event.data)}::jsonb FROM finished
    )
    SELECT * FROM finished`;
  if (rows[0]) return rows[0];
  return prisma.invocation.findUniqueOrThrow({ where: { id } });
}

/** Errors worth another try: the database could not be reached or dropped the connection. */
export function isTransientDbError(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) return ["P1001", "P1002", "P1017", "P2024", "P2028"].includes(error.code);
  const text = error instanceof Error ? `${error.name} ${error.message}` : "";
  return /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/i.test(text);
}
