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
import { Batcher } from "../db/batcher";
import { latencyMsBetween } from "./latency";
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

// Both writes go through a Batcher (lib/db/batcher.ts): invocations recorded or finished while an
// earlier write of the same kind is at the database go together, as one statement, so a busy
// console sends a few many-row writes instead of one per invocation. The rows travel as one JSON
// array, unpacked by jsonb_to_recordset; a statement either writes its whole batch or nothing, and
// a batch PostgreSQL refuses for one row's values is retried row by row, so only that one fails.
const BATCH = { maxBatch: 100, maxInFlight: 2, isolate: (error: unknown) => !isTransientDbError(error) };

/**
 * Inserts the PENDING row and its "recorded" event. null when the idempotency key is already taken
 * (by a concurrent request that won the insert): nothing was written then.
 */
export function insertPending(r: PendingRecord, event: Record<string, unknown>): Promise<Invocation | null> {
  return pendingInserts.add({ ...r, event });
}

const pendingInserts = new Batcher<PendingRecord & { event: Record<string, unknown> }, Invocation | null>(async (items) => {
  const rows = await sql<Invocation>(
    `WITH input AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
        "id" uuid, "idempotencyKey" text, "userId" text, "userEmail" text, "userRole" "Role", "connectionId" uuid,
        "connectionName" text, "platform" text, "orgId" text, "instanceId" text, "productKey" text, "deviceKey" text,
        "assetId" text, "iotId" text, "deviceName" text, "serviceId" text, "serviceName" text, "input" jsonb,
        "reason" text, "mode" text, "timeoutMs" int, "pendingTtlS" int, "ownerInstanceId" uuid,
        "requestedAt" timestamptz, "event" jsonb, "ord" int)
    ), inserted AS (
      INSERT INTO "invocation" (
        "id", "idempotencyKey", "userId", "userEmail", "userRole", "connectionId", "connectionName", "platform", "orgId",
        "instanceId", "productKey", "deviceKey", "assetId", "iotId", "deviceName", "serviceId", "serviceName", "input",
        "reason", "mode", "timeoutMs", "pendingTtlS", "status", "ownerInstanceId", "requestedAt")
      SELECT "id", "idempotencyKey", "userId", "userEmail", "userRole", "connectionId", "connectionName", "platform", "orgId",
        "instanceId", "productKey", "deviceKey", "assetId", "iotId", "deviceName", "serviceId", "serviceName", "input",
        "reason", "mode", "timeoutMs", "pendingTtlS", 'PENDING', "ownerInstanceId", "requestedAt"
        FROM input ORDER BY "ord"
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING *
    ), recorded AS (
      INSERT INTO "invocation_event" ("invocationId", "at", "type", "data")
      SELECT i."id", i."requestedAt", 'recorded', x."event" FROM inserted i JOIN input x ON x."id" = i."id"
    )
    SELECT * FROM inserted`,
    // JSON keeps the input as it is (a JSON value) and writes dates as ISO instants
    [JSON.stringify(items.map((item, ord) => ({ ...item, input: item.input ?? null, ord })))],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return items.map((item) => byId.get(item.id) ?? null);
}, BATCH);

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

interface OutcomeEvent {
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

/**
 * Writes the outcome of a PENDING row and its event. Only a PENDING row is changed, so running it
 * again (a retry after a lost reply) cannot write a second event; the row as it is now comes back.
 */
export async function finishPending(id: string, o: Outcome, event: OutcomeEvent): Promise<Invocation> {
  const row = await pendingFinishes.add({ id, o, event });
  return row ?? prisma.invocation.findUniqueOrThrow({ where: { id } });
}

const pendingFinishes = new Batcher<{ id: string; o: Outcome; event: OutcomeEvent }, Invocation | null>(async (items) => {
  const rows = await sql<Invocation>(
    `WITH input AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("id" uuid, ${OUTCOME_RECORD})
    ), finished AS (
      UPDATE "invocation" v SET ${OUTCOME_SET} FROM input x
       WHERE v."id" = x."id" AND v."status" = 'PENDING'
      RETURNING v.*
    ), logged AS (
      INSERT INTO "invocation_event" ("invocationId", "at", "type", "data")
      SELECT x."id", x."eventAt", x."eventType", x."eventData" FROM finished f JOIN input x ON x."id" = f."id"
    )
    SELECT * FROM finished`,
    [JSON.stringify(items.map(({ id, o, event }) => ({ id, ...outcomeRecordJson(o, event) })))],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return items.map((item) => byId.get(item.id) ?? null);
}, BATCH);

/**
 * finishPending for every PENDING row of a batch (one platform call, one outcome), with one event
 * per row; the number of rows finished. Repeating it is safe: finished rows are left alone.
 */
export async function finishPendingBatch(batchId: string, o: Outcome, event: OutcomeEvent): Promise<number> {
  const rows = await sql<{ n: number }>(
    `WITH input AS (
      SELECT * FROM jsonb_to_record($1::jsonb) AS x(${OUTCOME_RECORD})
    ), finished AS (
      UPDATE "invocation" v SET ${OUTCOME_SET} FROM input x
       WHERE v."batchId" = $2::uuid AND v."status" = 'PENDING'
      RETURNING v."id"
    ), logged AS (
      INSERT INTO "invocation_event" ("invocationId", "at", "type", "data")
      SELECT f."id", x."eventAt", x."eventType", x."eventData" FROM finished f CROSS JOIN input x
    )
    SELECT count(*)::int AS n FROM finished`,
    [JSON.stringify(outcomeRecordJson(o, event)), batchId],
  );
  return rows[0]?.n ?? 0;
}

/** An outcome and its event as JSON fields, read back by OUTCOME_RECORD. */
function outcomeRecordJson(o: Outcome, event: OutcomeEvent): Record<string, unknown> {
  return { ...o, output: o.output ?? null, eventType: event.type, eventAt: event.at, eventData: event.data };
}

/** The columns of outcomeRecordJson, for jsonb_to_record(set) … AS x(…). */
const OUTCOME_RECORD = `"status" "InvocationStatus", "output" jsonb, "platformCode" text, "platformMessage" text,
        "statusMessage" text, "platformRequestId" text, "commandId" text, "messageId" text, "rawState" text,
        "sentAt" timestamptz, "deviceRepliedAt" timestamptz, "completedAt" timestamptz, "latencyMs" int,
        "nextPollAt" timestamptz, "eventType" text, "eventAt" timestamptz, "eventData" jsonb`;

/** The outcome's columns, from the input row x. */
const OUTCOME_SET = `"status" = x."status", "output" = x."output", "platformCode" = x."platformCode",
        "platformMessage" = x."platformMessage", "statusMessage" = x."statusMessage",
        "platformRequestId" = x."platformRequestId", "commandId" = x."commandId", "messageId" = x."messageId",
        "rawState" = x."rawState", "sentAt" = x."sentAt", "deviceRepliedAt" = x."deviceRepliedAt",
        "completedAt" = x."completedAt", "latencyMs" = x."latencyMs", "nextPollAt" = x."nextPollAt"`;

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
      latencyMs: final ? latencyMsBetween(requestedAt, now) : null,
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
