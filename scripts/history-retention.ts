// `npm run history:retention` (tsx scripts/history-retention.ts [--dry-run]): deletes invocations
// older than HISTORY_RETENTION_DAYS, with their events, and records the run in retention_log.
// Unset HISTORY_RETENTION_DAYS keeps the history forever: the job then deletes nothing. Run it from
// cron or a scheduler; the console itself never deletes history.
import { existsSync } from "node:fs";
import { createPrisma } from "../lib/db/client";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { env } from "../lib/env";
import { runRetention } from "../lib/invocations/retention";

const log = (line: string) => console.info(`[retention] ${line}`);

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const e = env(); // validated: a wrong value fails here, naming the variable
  if (e.HISTORY_RETENTION_DAYS === undefined) {
    log("HISTORY_RETENTION_DAYS is not set: the history is kept forever, nothing was deleted.");
    return;
  }
  const embedded = e.DATABASE_URL ? undefined : await startEmbeddedPostgres({ port: 0 });
  const prisma = createPrisma(e.DATABASE_URL ?? embedded!.url, 2);
  try {
    if (process.argv.includes("--dry-run")) {
      const cutoff = new Date(Date.now() - e.HISTORY_RETENTION_DAYS * 86_400_000);
      const count = await prisma.invocation.count({ where: { requestedAt: { lt: cutoff }, nextPollAt: null } });
      log(`dry run: ${count} invocations were requested before ${cutoff.toISOString()} and would be deleted.`);
      return;
    }
    await runRetention(prisma, { days: e.HISTORY_RETENTION_DAYS, log });
  } finally {
    await prisma.$disconnect();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(`[retention] failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
