// The two writes of every invocation, each one SQL statement: the PENDING row with its "recorded"
// event, and the outcome with its "finished"/"accepted" event. A data-modifying CTE keeps each pair
// atomic without an interactive transaction, so an invocation costs two database round trips
// instead of nine, and a busy pool can no longer fail it with "Unable to start a transaction in
// the given time" after the platform was already called.
import "server-only";
import { prisma, sql } from "../db";
import type { Invocation } from "../generated/prisma/client";
import { Prisma } from "../generated/prisma/client";
import type { InvokeOutcome } from "../platforms/types";
import { backoffMs } from "./reconciler";
import { isFinal, type InvocationStatus } from "./status";

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
  const rows = await sql<Invocation>(
    `WITH inserted AS (
      INSERT INTO "invocation" (
        "id", "idempotencyKey", "userId", "userEmail", "userRole", "connectionId", "connectionName", "platform", "orgId",
        "instanceId", "productKey", "deviceKey", "assetId", "iotId", "deviceName", "serviceId", "serviceName", "input",
        "reason", "mode", "timeoutMs", "pendingTtlS", "status", "ownerInstanceId", "requestedAt")
      VALUES (
        $1::uuid, $2, $3, $4, $5::"Role", $6::uuid, $7, $8, $9, $10, $11, $12, $13,
        $14, $15, $16, $17, $18::jsonb, $19, $20, $21::int, $22::int, 'PENDING', $23::uuid, $24::timestamptz)
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING *
    ), recorded AS (
      INSERT INTO "invocation_event" ("invocationId", "at", "type", "data")
      SELECT "id", $24::timestamptz, 'recorded', $25::jsonb FROM inserted
    )
    SELECT * FROM inserted`,
    [
      r.id, r.idempotencyKey, r.userId, r.userEmail, r.userRole, r.connectionId, r.connectionName, r.platform, r.orgId,
      r.instanceId, r.productKey, r.deviceKey, r.assetId, r.iotId, r.deviceName, r.serviceId, r.serviceName, json(r.input),
      r.reason, r.mode, r.timeoutMs, r.pendingTtlS, r.ownerInstanceId, r.requestedAt, json(event),
    ],
  );
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
  const rows = await sql<Invocation>(
    `WITH finished AS (
      UPDATE "invocation" SET ${OUTCOME_SET}
      WHERE "id" = $15::uuid AND "status" = 'PENDING'
      RETURNING *
    ), logged AS (
      INSERT INTO "invocation_event" ("invocationId", "at", "type", "data")
      SELECT "id", $16::timestamptz, $17, $18::jsonb FROM finished
    )
    SELECT * FROM finished`,
    [...outcomeValues(o), id, event.at, event.type, json(event.data)],
  );
  if (rows[0]) return rows[0];
  return prisma.invocation.findUniqueOrThrow({ where: { id } });
}

/**
 * finishPending for every PENDING row of a batch (one platform call, one outcome), with one event
 * per row; the number of rows finished. Repeating it is safe: finished rows are left alone.
 */
export async function finishPendingBatch(batchId: string, o: Outcome, event: { type: string; at: Date; data: Record<string, unknown> }): Promise<number> {
  const rows = await sql<{ n: number }>(
    `WITH finished AS (
      UPDATE "invocation" SET ${OUTCOME_SET}
      WHERE "batchId" = $15::uuid AND "status" = 'PENDING'
      RETURNING "id"
    ), logged AS (
      INSERT INTO "invocation_event" ("invocationId", "at", "type", "data")
      SELECT "id", $16::timestamptz, $17, $18::jsonb FROM finished
    )
    SELECT count(*)::int AS n FROM finished`,
    [...outcomeValues(o), batchId, event.at, event.type, json(event.data)],
  );
  return rows[0]?.n ?? 0;
}

/** The outcome's columns, as parameters $1 to $14 (outcomeValues). */
const OUTCOME_SET = `"status" = $1::"InvocationStatus", "output" = $2::jsonb, "platformCode" = $3,
        "platformMessage" = $4, "statusMessage" = $5, "platformRequestId" = $6,
        "commandId" = $7, "messageId" = $8, "rawState" = $9, "sentAt" = $10::timestamptz,
        "deviceRepliedAt" = $11::timestamptz, "completedAt" = $12::timestamptz,
        "latencyMs" = $13::int, "nextPollAt" = $14::timestamptz`;

function outcomeValues(o: Outcome): unknown[] {
  return [
    o.status, json(o.output), o.platformCode, o.platformMessage, o.statusMessage, o.platformRequestId,
    o.commandId, o.messageId, o.rawState, o.sentAt, o.deviceRepliedAt, o.completedAt, o.latencyMs, o.nextPollAt,
  ];
}

/** Errors worth another try: the database could not be reached or dropped the connection. */
export function isTransientDbError(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) return ["P1001", "P1002", "P1017", "P2024", "P2028"].includes(error.code);
  const text = error instanceof Error ? `${error.name} ${error.message}` : "";
  return /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/i.test(text);
}

/**
 * The columns and the event an outcome writes to its row(s), for single and batch invocations alike.
 * When the platform does not report sent/replied times, what this console observed is the best
 * record there is.
 */
export function outcomeRecord(
  outcome: InvokeOutcome,
  times: { requestedAt: Date; callStartedAt: Date; now: Date },
  eventExtra: Record<string, unknown> = {},
): { fields: Outcome; event: { type: string; at: Date; data: Record<string, unknown> } } {
  const { requestedAt, callStartedAt, now } = times;
  const reachedDevice = outcome.status === "SUCCEEDED" || outcome.status === "SENT";
  const final = isFinal(outcome.status) || outcome.status === "INTERRUPTED";
  return {
    fields: {
      status: outcome.status,
      output: outcome.output ?? null,
      platformCode: outcome.platformCode ?? null,
      platformMessage: outcome.platformMessage ?? null,
      statusMessage: outcome.status === "SUCCEEDED" ? null : (outcome.message ?? outcome.platformMessage ?? null),
      platformRequestId: outcome.platformRequestId ?? null,
      commandId: outcome.commandId ?? null,
      messageId: outcome.messageId ?? null,
      rawState: outcome.rawState ?? null,
      sentAt: outcome.sentAt ?? (reachedDevice ? callStartedAt : null),
      deviceRepliedAt: outcome.deviceRepliedAt ?? (outcome.status === "SUCCEEDED" ? now : null),
      completedAt: final ? now : null,
      latencyMs: final ? now.getTime() - requestedAt.getTime() : null,
      // accepted calls, and broken-off ones the platform can be asked about, go to the reconciler
      nextPollAt: needsPolling(outcome.status) ? new Date(now.getTime() + backoffMs(1)) : null,
    },
    event: {
      type: final ? "finished" : "accepted",
      at: now,
      data: {
        status: outcome.status,
        code: outcome.platformCode ?? null,
        message: outcome.message ?? null,
        requestId: outcome.platformRequestId ?? null,
        ...eventExtra,
      },
    },
  };
}

function needsPolling(status: InvocationStatus): boolean {
  if (status === "QUEUED" || status === "SENT") return true;
  // the platform may still be asked about a broken-off call (EnOS finds it by service and time)
  return status === "INTERRUPTED";
}

/**
 * The platform has answered: its outcome must not be lost to a database hiccup. The finishing writes
 * only change PENDING rows, so repeating them is safe. Should every try fail, the rows stay PENDING
 * and the reconciler marks them INTERRUPTED once their call is long over (reconciler.ts).
 */
export async function withRetries<T>(write: () => Promise<T>, delaysMs: readonly number[] = [100, 500, 2_000]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const delay = delaysMs[attempt];
      if (delay === undefined || !isTransientDbError(error)) throw error;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
