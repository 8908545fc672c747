import "server-only";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { getConnectionConfig } from "../connections";
import { getAdapter } from "../platforms/registry";
import type { InvokeOutcome } from "../platforms/types";
import { INSTANCE_STALE_MS, heartbeat, HEARTBEAT_MS } from "./instance";
import { latencyMsBetween, MAX_LATENCY_MS } from "./latency";
import { isFinal, type InvocationStatus } from "./status";

const ORPHAN_MESSAGE =
  "The console stopped while this call was in flight, so its outcome is unknown. Check the device before invoking again.";
const STUCK_MESSAGE =
  "The console could not record the outcome of this call (its database write failed), so the outcome is unknown. Check the device before invoking again.";
/** A PENDING row of a live console this long past its call's deadline was never finished. */
const STUCK_GRACE_S = 120;
/** A claimed row is left alone by other processes for this long while it is being polled. */
const CLAIM_MS = 30_000;
const MAX_BACKOFF_MS = 15_000;
const MAX_INTERRUPTED_POLLS = 8;

export function backoffMs(attempts: number): number {
  return Math.min(1_000 * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);
}

/**
 * PENDING rows whose console process stopped beating become INTERRUPTED, with an event saying why;
 * so do rows of a live process long past their call's deadline (its write of the outcome failed).
 */
export async function interruptOrphans(): Promise<number> {
  const staleSeconds = INSTANCE_STALE_MS / 1000;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH candidates AS (
      SELECT i."id",
        EXISTS (
          SELECT 1 FROM "console_instance" c
          WHERE c."id" = i."ownerInstanceId" AND c."heartbeatAt" > now() - make_interval(secs => ${staleSeconds})
        ) AS "ownerAlive"
      FROM "invocation" i
      WHERE i."status" = 'PENDING'
    ), orphaned AS (
      UPDATE "invocation" i
      SET "status" = 'INTERRUPTED', "completedAt" = now(), "nextPollAt" = now(),
          "statusMessage" = CASE WHEN c."ownerAlive" THEN ${STUCK_MESSAGE} ELSE ${ORPHAN_MESSAGE} END,
          "latencyMs" = LEAST(extract(epoch from now() - i."requestedAt") * 1000, ${MAX_LATENCY_MS})::int
      FROM candidates c
      WHERE i."id" = c."id" AND i."status" = 'PENDING'
        AND (NOT c."ownerAlive" OR i."requestedAt" < now() - make_interval(secs => i."timeoutMs" / 1000.0 + ${STUCK_GRACE_S}))
      RETURNING i."id", i."statusMessage"
    )
    INSERT INTO "invocation_event" ("invocationId", "type", "data")
    SELECT "id", 'interrupted', jsonb_build_object('status', 'INTERRUPTED', 'message', "statusMessage") FROM orphaned
    RETURNING "invocationId" AS id`;
  return rows.length;
}

interface DueRow {
  id: string;
  connectionId: string;
  productKey: string;
  deviceKey: string;
  assetId: string | null;
  iotId: string | null;
  serviceId: string;
  commandId: string | null;
  messageId: string | null;
  batchId: string | null;
  mode: string;
  requestedAt: Date;
  timeoutMs: number;
  pollAttempts: number;
  status: InvocationStatus;
}

/** Claims due rows with SKIP LOCKED, so several console processes never poll the same row at once. */
async function claimDue(limit: number): Promise<DueRow[]> {
  const claimSeconds = CLAIM_MS / 1000;
  return prisma.$queryRaw<DueRow[]>`
    UPDATE "invocation" SET "nextPollAt" = now() + make_interval(secs => ${claimSeconds}), "pollAttempts" = "pollAttempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "invocation"
      WHERE "status" IN ('QUEUED', 'SENT', 'INTERRUPTED') AND "nextPollAt" <= now()
      ORDER BY "nextPollAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "connectionId", "productKey", "deviceKey", "assetId", "iotId", "serviceId", "commandId",
              "messageId", "batchId", "mode", "requestedAt", "timeoutMs", "pollAttempts", "status"`;
}

async function pollOne(row: DueRow): Promise<boolean> {
  let outcome: InvokeOutcome | null = null;
  let supported = true;
  try {
    const conn = await getConnectionConfig(row.connectionId);
    const adapter = getAdapter(conn.platform);
    if (!adapter.poll) supported = false;
    else {
      outcome = await adapter.poll(
        conn,
        { productKey: row.productKey, deviceKey: row.deviceKey, assetId: row.assetId, iotId: row.iotId },
        { serviceId: row.serviceId, commandId: row.commandId, messageId: row.messageId, requestedAt: row.requestedAt, timeoutMs: row.timeoutMs },
      );
    }
  } catch (error) {
    console.warn(`[reconciler] polling invocation ${row.id} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  outcome ??= asyncReplyOverdue(row);
  if (outcome && outcome.status !== row.status) {
    await applyOutcome(row, outcome);
    return true;
  }
  // an interrupted call the platform cannot find after a few tries stays INTERRUPTED for good
  const givenUp = row.status === "INTERRUPTED" && row.pollAttempts >= MAX_INTERRUPTED_POLLS;
  let next = supported && !givenUp ? new Date(Date.now() + backoffMs(row.pollAttempts)) : null;
  // a platform that cannot be asked (the older EnOS API) delivers to a callback; should the result
  // never come, the row is looked at again when its wait is over, to be marked TIMED_OUT
  if (!supported && awaitsAsyncReply(row)) next = new Date(Math.max(Date.now() + 1_000, row.requestedAt.getTime() + asyncReplyWaitMs()));
  await prisma.invocation.update({ where: { id: row.id }, data: { nextPollAt: next } });
  return false;
}

/** How long an async call (Alibaba MessageId or batch) may wait for the device's reply: ASYNC_REPLY_WAIT_S, default 300 s. */
export function asyncReplyWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.ASYNC_REPLY_WAIT_S);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 300_000;
}

/**
 * An accepted asynchronous call waiting for its device's reply: an Alibaba MessageId, a batch row
 * (InvokeThingsService, no MessageId) or an ASYNC call of the older EnOS API (callback).
 */
function awaitsAsyncReply(row: DueRow): boolean {
  return row.status === "SENT" && !row.commandId && Boolean(row.messageId || row.batchId || row.mode === "async");
}

function asyncReplyOverdue(row: DueRow): InvokeOutcome | null {
  if (!awaitsAsyncReply(row)) return null;
  const waitMs = asyncReplyWaitMs();
  if (Date.now() - row.requestedAt.getTime() < waitMs) return null;
  return {
    status: "TIMED_OUT",
    message: `The device did not reply within ${Math.round(waitMs / 1000)} s of the asynchronous call (ASYNC_REPLY_WAIT_S). It may still act on it; check the device.`,
  };
}

export async function applyOutcome(row: Pick<DueRow, "id" | "requestedAt" | "pollAttempts">, outcome: InvokeOutcome): Promise<void> {
  const now = new Date();
  const final = isFinal(outcome.status);
  const data: Prisma.InvocationUpdateInput = {
    status: outcome.status,
    rawState: outcome.rawState ?? undefined,
    platformCode: outcome.platformCode ?? undefined,
    platformMessage: outcome.platformMessage ?? undefined,
    statusMessage: outcome.status === "SUCCEEDED" ? null : (outcome.message ?? undefined),
    sentAt: outcome.sentAt ?? undefined,
    // a call found on the platform after an interruption keeps the handle it was found by
    commandId: outcome.commandId ?? undefined,
    messageId: outcome.messageId ?? undefined,
    deviceRepliedAt: outcome.deviceRepliedAt ?? (outcome.status === "SUCCEEDED" ? now : undefined),
    nextPollAt: final ? null : new Date(now.getTime() + backoffMs(row.pollAttempts)),
    completedAt: final ? now : undefined,
    latencyMs: final ? latencyMsBetween(row.requestedAt, now) : undefined,
  };
  if (outcome.output !== undefined && outcome.output !== null) data.output = outcome.output as Prisma.InputJsonValue;
  await prisma.$transaction([
    prisma.invocation.update({ where: { id: row.id }, data }),
    prisma.invocationEvent.create({
      data: {
        invocationId: row.id,
        type: final ? "finished" : "progressed",
        data: { status: outcome.status, rawState: outcome.rawState ?? null, code: outcome.platformCode ?? null, message: outcome.message ?? null, by: "reconciler" },
      },
    }),
  ]);
}

/** One pass: interrupt orphans, then ask the platforms about due calls. */
export async function reconcileOnce(batch = 50): Promise<{ interrupted: number; polled: number; changed: number }> {
  const interrupted = await interruptOrphans();
  const due = await claimDue(batch);
  const changed = (await Promise.all(due.map(pollOne))).filter(Boolean).length;
  return { interrupted, polled: due.length, changed };
}

let timer: NodeJS.Timeout | null = null;

/** Runs in every console process; row claiming makes the processes share the work. */
export function startReconciler(intervalMs = 1_000): () => void {
  if (timer) return stopReconciler;
  let running = false;
  let lastBeat = 0;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    const beat = Date.now() - lastBeat >= HEARTBEAT_MS ? heartbeat().then(() => void (lastBeat = Date.now())) : Promise.resolve();
    beat
      .then(() => reconcileOnce())
      .catch((error: unknown) => console.warn(`[reconciler] ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return stopReconciler;
}

export function stopReconciler(): void {
  if (timer) clearInterval(timer);
  timer = null;
}
