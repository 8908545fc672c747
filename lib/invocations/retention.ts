// History retention: the one way invocation rows leave the database. Plain Node (no `server-only`):
// `npm run history:retention` runs it. The audit triggers refuse every DELETE except inside a
// transaction that sets app.retention = 'on', which only this job does.
import os from "node:os";
import type { PrismaClient } from "../generated/prisma/client";

export interface RetentionOptions {
  days: number;
  now?: Date;
  /** invocations per transaction: short transactions, so the job never blocks the console for long */
  batchSize?: number;
  log?: (line: string) => void;
}

export interface RetentionResult {
  logId: string;
  cutoff: Date;
  invocationsDeleted: number;
  eventsDeleted: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes invocations requested before now - `days` (and their events), in batches, recording the
 * run in retention_log. Calls the reconciler is still asking the platform about are kept.
 */
export async function runRetention(prisma: PrismaClient, opts: RetentionOptions): Promise<RetentionResult> {
  const log = opts.log ?? ((line: string) => console.info(`[retention] ${line}`));
  const cutoff = new Date((opts.now ?? new Date()).getTime() - opts.days * DAY_MS);
  const batchSize = opts.batchSize ?? 5_000;
  const run = await prisma.retentionLog.create({
    data: { retentionDays: opts.days, cutoff, host: os.hostname(), pid: process.pid },
  });
  log(`deleting invocations requested before ${cutoff.toISOString()} (HISTORY_RETENTION_DAYS=${opts.days}), run ${run.id}`);
  let total = { invocations: 0, events: 0 };
  for (;;) {
    const batch = await deleteBatch(prisma, run.id, cutoff, batchSize);
    total = { invocations: total.invocations + batch.invocations, events: total.events + batch.events };
    if (batch.invocations > 0) log(`deleted ${total.invocations} invocations, ${total.events} events so far`);
    if (batch.invocations < batchSize) break;
  }
  await prisma.retentionLog.update({ where: { id: run.id }, data: { finishedAt: new Date() } });
  log(`done: deleted ${total.invocations} invocations and ${total.events} events`);
  return { logId: run.id, cutoff, invocationsDeleted: total.invocations, eventsDeleted: total.events };
}

/** One transaction: the deletes and the log's counts commit together, so the log never overstates. */
async function deleteBatch(prisma: PrismaClient, runId: string, cutoff: Date, limit: number) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('app.retention', 'on', true)`;
    const rows = await tx.$queryRaw<{ id: string; requestedAt: Date }[]>`
      SELECT "id", "requestedAt" FROM "invocation"
      WHERE "requestedAt" < ${cutoff} AND "nextPollAt" IS NULL
      ORDER BY "requestedAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return { invocations: 0, events: 0 };
    const ids = rows.map((r) => r.id);
    const events = await tx.invocationEvent.deleteMany({ where: { invocationId: { in: ids } } });
    const invocations = await tx.invocation.deleteMany({ where: { id: { in: ids } } });
    const times = rows.map((r) => r.requestedAt.getTime());
    await tx.$executeRaw`
      UPDATE "retention_log" SET
        "invocationsDeleted" = "invocationsDeleted" + ${invocations.count},
        "eventsDeleted" = "eventsDeleted" + ${events.count},
        "oldestDeletedAt" = LEAST("oldestDeletedAt", ${new Date(Math.min(...times))}),
        "newestDeletedAt" = GREATEST("newestDeletedAt", ${new Date(Math.max(...times))})
      WHERE "id" = ${runId}::uuid`;
    return { invocations: invocations.count, events: events.count };
  });
}
