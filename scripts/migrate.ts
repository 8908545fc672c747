// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (a `.env` file is read, as by
// `npm start`). Without DATABASE_URL it migrates the embedded database in .data/pglite.
import { existsSync } from "node:fs";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { env } from "../lib/env";

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const configured = env().DATABASE_URL; // validated: a wrong URL fails here with the fix
  const embedded = configured ? undefined : await startEmbeddedPostgres({ port: 0 });
  try {
    const { applied } = await applyMigrations(configured || embedded!.url);
    const target = configured ? "DATABASE_URL" : `the embedded database in ${embedded!.dataDir}`;
    console.info(applied.length ? `[migrate] ${target} is up to date (${applied.length} applied)` : `[migrate] ${target} was already up to date`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(`[migrate] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
