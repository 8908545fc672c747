// `tsx scripts/with-db.ts <command> [args...]`: runs a command against a migrated database.
// DATABASE_URL when set; otherwise a throwaway embedded PostgreSQL (in memory, on a free port) that
// lives exactly as long as the command. Used by `npm run test:integration` and `test:e2e`.
// The exported pieces are for other launchers (scripts/start.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MEMORY, startEmbeddedPostgres, type EmbeddedPostgresOptions } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";

export interface ProvideDatabaseOptions extends EmbeddedPostgresOptions {
  /** Where DATABASE_URL is looked up; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  log?: (line: string) => void;
}

export interface ProvidedDatabase {
  url: string;
  /** True when this process started an embedded PostgreSQL for it. */
  embedded: boolean;
  /** Migrations applied just now. */
  applied: string[];
  /** Stops the embedded database (no-op for DATABASE_URL). */
  stop(): Promise<void>;
}

const defaultLog = (line: string) => console.error(`[with-db] ${line}`);

/**
 * DATABASE_URL if set, else an embedded PostgreSQL (defaults: in memory, free port, 50 connections
 * so several test pools fit); migrations are applied either way.
 */
export async function provideDatabase(opts: ProvideDatabaseOptions = {}): Promise<ProvidedDatabase> {
  const log = opts.log ?? defaultLog;
  const configured = (opts.env ?? process.env).DATABASE_URL?.trim();
  const embedded = configured
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: opts.dataDir ?? MEMORY,
        port: opts.port ?? 0,
        host: opts.host,
        maxConnections: opts.maxConnections ?? 50,
      });
  const url = configured || embedded!.url;
  const stop = embedded?.stop ?? (async () => undefined);
  log(configured ? "database: DATABASE_URL" : `database: embedded PostgreSQL (${embedded!.dataDir}) at ${url}`);
  try {
    const { applied } = await applyMigrations(url, { log: { info: log, warn: log } });
    return { url, embedded: !!embedded, applied, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Runs `fn` with a migrated database and stops it afterwards, whatever happens. */
export async function withDatabase<T>(
  fn: (db: ProvidedDatabase) => Promise<T>,
  opts: ProvideDatabaseOptions = {},
): Promise<T> {
  const db = await provideDatabase(opts);
  try {
    return await fn(db);
  } finally {
    await db.stop();
  }
}

/** Exit code a shell would report for a process killed by `signal`. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 1);
}

/**
 * Runs a command with inherited stdio and resolves with its exit code. SIGINT/SIGTERM sent to this
 * process are passed on, so the child can shut down cleanly before the database goes away.
 */
export function runCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...args] = argv;
  if (!command) return Promise.reject(new Error("no command given"));
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(command, args, { stdio: "inherit", env, shell: process.platform === "win32" });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    const done = (code: number) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code);
    };
    child.once("error", (err) => {
      console.error(`[with-db] cannot run ${command}: ${err.message}`);
      done(127);
    });
    child.once("exit", (code, signal) => done(code ?? (signal ? signalExitCode(signal) : 1)));
  });
}

async function main(argv: string[]): Promise<number> {
  if (!argv.length) {
    console.error("usage: tsx scripts/with-db.ts <command> [args...]");
    return 2;
  }
  // A signal during start-up must not leave the database running; remember it and stop after.
  let interrupted: NodeJS.Signals | undefined;
  const remember = (signal: NodeJS.Signals) => (interrupted ??= signal);
  process.on("SIGINT", remember);
  process.on("SIGTERM", remember);
  try {
    return await withDatabase(async (db) => {
      if (interrupted) return signalExitCode(interrupted);
      return runCommand(argv, { ...process.env, DATABASE_URL: db.url });
    });
  } catch (err) {
    console.error(`[with-db] ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) void main(process.argv.slice(2)).then((code) => process.exit(code));
