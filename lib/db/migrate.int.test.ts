import { createHash } from "node:crypto";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyMigrations, MIGRATION_LOCK_KEY, readMigrations } from "./migrate";
import { createScratchDatabase, isPglite, type ScratchDatabase } from "./scratch";

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) throw new Error("DATABASE_URL is not set: run integration tests with `npm run test:integration`.");

const migrationsDir = path.resolve("prisma/migrations");
const scratches: ScratchDatabase[] = [];
const quiet = () => ({ info: vi.fn(), warn: vi.fn() });

async function scratch(): Promise<string> {
  const db = await createScratchDatabase(baseUrl!, "migrate_test");
  scratches.push(db);
  return db.url;
}

/** A copy of prisma/migrations that a test may edit. */
function migrationsCopy(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "migrations-")), "migrations");
  cpSync(migrationsDir, dir, { recursive: true });
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

afterEach(async () => {
  await Promise.all(scratches.splice(0).map((s) => s.drop()));
});

describe("applyMigrations", () => {
  it("applies every migration to an empty database, then nothing on the second run", async () => {
    const url = await scratch();
    const names = (await readMigrations(migrationsDir)).map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);

    expect(await applyMigrations(url, { log: quiet() })).toEqual({ applied: names });
    expect(await applyMigrations(url, { log: quiet() })).toEqual({ applied: [] });

    const tables = await query<{ t: string }>(url, "SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema()");
    expect(tables.map((r) => r.t)).toEqual(expect.arrayContaining(["user", "connection", "invocation", "invocation_event"]));
  });

  it("records each migration exactly as Prisma does", async () => {
    const url = await scratch();
    await applyMigrations(url, { log: quiet() });
    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      started_at: Date;
      logs: string | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    const files = await readMigrations(migrationsDir);
    expect(rows).toHaveLength(files.length);
    for (const [i, file] of files.entries()) {
      const bytes = readFileSync(path.join(migrationsDir, file.name, "migration.sql"));
      expect(rows[i]).toMatchObject({
        migration_name: file.name,
        checksum: createHash("sha256").update(bytes).digest("hex"),
        applied_steps_count: 1,
        logs: null,
        rolled_back_at: null,
      });
      expect(rows[i]!.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(rows[i]!.finished_at).toBeInstanceOf(Date);
      expect(rows[i]!.finished_at!.getTime()).toBeGreaterThanOrEqual(rows[i]!.started_at.getTime());
    }
  });

  it("has Prisma's bookkeeping table layout", async () => {
    const url = await scratch();
    await applyMigrations(url, { log: quiet() });
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
      url,
      `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
      ["id", "character varying", "NO"],
      ["checksum", "character varying", "NO"],
      ["finished_at", "timestamp with time zone", "YES"],
      ["migration_name", "character varying", "NO"],
      ["logs", "text", "YES"],
      ["rolled_back_at", "timestamp with time zone", "YES"],
      ["started_at", "timestamp with time zone", "NO"],
      ["applied_steps_count", "integer", "NO"],
    ]);
  });

  it("warns when an applied migration file was changed, and applies nothing", async () => {
    const url = await scratch();
    const dir = migrationsCopy();
    await applyMigrations(url, { migrationsDir: dir, log: quiet() });
    const [first] = await readMigrations(dir);
    appendFileSync(path.join(dir, first!.name, "migration.sql"), "\n-- edited after it was applied\n");

    const log = quiet();
    expect(await applyMigrations(url, { migrationsDir: dir, log })).toEqual({ applied: [] });
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining(`${first!.name}/migration.sql was modified`));
  });

  it("does not warn when only the line endings changed (git autocrlf)", async () => {
    const url = await scratch();
    const dir = migrationsCopy();
    await applyMigrations(url, { migrationsDir: dir, log: quiet() });
    const [first] = await readMigrations(dir);
    const file = path.join(dir, first!.name, "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n/g, "\r\n"));

    const log = quiet();
    await applyMigrations(url, { migrationsDir: dir, log });
    expect(log.warn).not.toHaveBeenCalled();
  });

  it("applies a later migration only, and rolls a failing one back as a whole and stops on it", async () => {
    const url = await scratch();
    const dir = migrationsCopy();
    await applyMigrations(url, { migrationsDir: dir, log: quiet() });

    mkdirSync(path.join(dir, "99990101000000_good"));
    writeFileSync(path.join(dir, "99990101000000_good", "migration.sql"), `CREATE TABLE "extra_good" ("id" INTEGER NOT NULL);\n`);
    mkdirSync(path.join(dir, "99990102000000_bad"));
    writeFileSync(
      path.join(dir, "99990102000000_bad", "migration.sql"),
      `CREATE TABLE "half_done" ("id" INTEGER NOT NULL);\nSELECT no_such_function();\n`,
    );
    await expect(applyMigrations(url, { migrationsDir: dir, log: quiet() })).rejects.toThrow(/99990102000000_bad failed/);

    // The whole file ran as one statement batch, so its first half was rolled back with it.
    const tables = (await query<{ t: string }>(url, "SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema()")).map((r) => r.t);
    expect(tables).toContain("extra_good");
    expect(tables).not.toContain("half_done");
    const [bad] = await query<{ finished_at: Date | null; logs: string; applied_steps_count: number }>(
      url,
      `SELECT finished_at, logs, applied_steps_count FROM "_prisma_migrations" WHERE migration_name = '99990102000000_bad'`,
    );
    expect(bad).toMatchObject({ finished_at: null, applied_steps_count: 0 });
    expect(bad!.logs).toContain("no_such_function");

    // Like `prisma migrate deploy` (P3009): nothing more is applied until the failure is resolved.
    await expect(applyMigrations(url, { migrationsDir: dir, log: quiet() })).rejects.toThrow(/failed earlier/);
  });

  it("waits for Prisma's advisory lock held by another session", async (ctx) => {
    // PGlite has a single session, so there is no "other session" to hold the lock.
    if (await isPglite(baseUrl!)) ctx.skip();
    const url = await scratch();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    let finished = false;
    const run = applyMigrations(url, { log: quiet() }).then((r) => ((finished = true), r));
    await new Promise((r) => setTimeout(r, 700));
    expect(finished).toBe(false);
    await holder.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    await holder.end();
    expect((await run).applied.length).toBeGreaterThan(0);
  });
});
