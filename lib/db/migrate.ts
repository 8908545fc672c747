// Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's schema engine
// (it cannot run on this machine). The `_prisma_migrations` bookkeeping matches Prisma's exactly, so
// `prisma migrate status/deploy` on a connected machine agree with what this script did.
// Plain Node + pg: scripts, tests and the launcher import it; no `server-only`.
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/** Same key as Prisma's schema engine, so the two never migrate concurrently. */
export const MIGRATION_LOCK_KEY = 72707369;
const LOCK_TIMEOUT_MS = 10_000;

export type MigrateLog = Pick<Console, "info" | "warn">;

export interface ApplyMigrationsOptions {
  log?: MigrateLog;
  /** Defaults to `prisma/migrations` under the current working directory (the project root). */
  migrationsDir?: string;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

interface MigrationRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

// Prisma's own DDL for the bookkeeping table (schema engine, postgres flavour).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export const defaultMigrationsDir = (): string => path.resolve(process.cwd(), "prisma/migrations");

/** sha256 hex of the file's bytes: the value Prisma stores in `_prisma_migrations.checksum`. */
export function migrationChecksum(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

// Like Prisma, accept the file with either line-ending style (git may convert them) and the
// unpadded hex rendering older Prisma versions stored.
export function checksumMatches(sql: string, checksum: string): boolean {
  const lf = sql.replace(/\r\n/g, "\n");
  return [sql, lf, lf.replace(/\n/g, "\r\n")].some((text) => {
    const digest = createHash("sha256").update(text).digest();
    return digest.toString("hex") === checksum || [...digest].map((b) => b.toString(16)).join("") === checksum;
  });
}

/** Migration folders in name order (Prisma's order), each with its `migration.sql`. */
export async function readMigrations(dir = defaultMigrationsDir()): Promise<MigrationFile[]> {
  await checkLockFile(dir);
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: migrationChecksum(bytes) };
    }),
  );
}

// Prisma refuses to deploy migrations written for another provider; so do we.
async function checkLockFile(dir: string): Promise<void> {
  const file = path.join(dir, "migration_lock.toml");
  if (!existsSync(file)) return;
  const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(await readFile(file, "utf8"))?.[1];
  if (provider && provider !== "postgresql") {
    throw new Error(`${file} is for provider "${provider}", but this project migrates PostgreSQL.`);
  }
}

export async function applyMigrations(
  databaseUrl: string,
  opts: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const log = opts.log ?? console;
  const migrations = await readMigrations(opts.migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await acquireLock(client);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const rows = await appliedRows(client);
      checkHistory(migrations, rows, log);
      return { applied: await applyPending(client, migrations, rows, log) };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

// pg_advisory_lock would wait forever; Prisma gives up after 10 s, so we poll with the same limit.
async function acquireLock(client: pg.Client): Promise<void> {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    const res = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [MIGRATION_LOCK_KEY]);
    if (res.rows[0]?.ok) return;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${LOCK_TIMEOUT_MS} ms waiting for the migration lock (pg_advisory_lock(${MIGRATION_LOCK_KEY})): another migration is running against this database.`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function appliedRows(client: pg.Client): Promise<MigrationRow[]> {
  const res = await client.query<MigrationRow>(
    `SELECT id, migration_name, checksum, finished_at, rolled_back_at
       FROM "_prisma_migrations" ORDER BY started_at ASC`,
  );
  return res.rows;
}

// Mirrors `migrate deploy`: a failed (unfinished, not rolled back) row blocks everything (P3009).
function checkHistory(migrations: MigrationFile[], rows: MigrationRow[], log: MigrateLog): void {
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new Error(
      `Migration "${failed.migration_name}" failed earlier and was never resolved; new migrations are not applied. ` +
        `Fix the database by hand, then mark the row rolled back (prisma migrate resolve --rolled-back ${failed.migration_name}) or delete it from "_prisma_migrations".`,
    );
  }
  const local = new Map(migrations.map((m) => [m.name, m]));
  for (const row of rows.filter(isApplied)) {
    const file = local.get(row.migration_name);
    if (!file) {
      log.warn(`[migrate] ${row.migration_name} is applied in the database but missing from the migrations folder.`);
    } else if (!checksumMatches(file.sql, row.checksum)) {
      log.warn(
        `[migrate] ${row.migration_name}/migration.sql was modified after it was applied (checksum ${row.checksum} in the database, ${file.checksum} on disk). Applied migrations must not be edited; add a new migration instead.`,
      );
    }
  }
}

const isApplied = (r: MigrationRow): boolean => r.finished_at !== null && r.rolled_back_at === null;

async function applyPending(
  client: pg.Client,
  migrations: MigrationFile[],
  rows: MigrationRow[],
  log: MigrateLog,
): Promise<string[]> {
  const done = new Set(rows.filter(isApplied).map((r) => r.migration_name));
  const applied: string[] = [];
  for (const m of migrations.filter((x) => !done.has(x.name))) {
    await applyOne(client, m);
    log.info(`[migrate] applied ${m.name}`);
    applied.push(m.name);
  }
  return applied;
}

// Same sequence as Prisma: record the start, run the whole file as one simple-protocol query
// (PostgreSQL wraps it in one implicit transaction), then mark it finished or store the error.
async function applyOne(client: pg.Client, m: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [id, m.checksum, m.name],
  );
  try {
    await client.query(m.sql);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, failureLog(m.name, err)]);
    throw new Error(`Migration ${m.name} failed: ${message}`, { cause: err });
  }
  await client.query(
    `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = applied_steps_count + 1 WHERE id = $1`,
    [id],
  );
}

function failureLog(name: string, err: unknown): string {
  const e = err as { message?: string; code?: string; position?: string };
  return [
    `A migration failed to apply. Migration name: ${name}`,
    e.code ? `Database error code: ${e.code}` : "",
    `Database error:\n${e.message ?? String(err)}`,
    e.position ? `Position: ${e.position}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}
