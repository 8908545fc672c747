// Embedded PostgreSQL (PGlite, Postgres compiled to WASM) served over TCP, so a fresh clone needs no
// database server: `pg`, Prisma and psql connect to it like to any PostgreSQL.
// PGlite is a single backend: every connection shares one session, and the pools of all clients
// together must stay within `maxConnections`.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export const MEMORY = "memory://";
export const DEFAULT_EMBEDDED_PORT = 54329;

export interface EmbeddedPostgresOptions {
  /** A directory (kept between runs) or "memory://" for a throwaway database. Default `.data/pglite`. */
  dataDir?: string;
  /** Default 54329; 0 picks a free port. */
  port?: number;
  host?: string;
  /** Connections the server accepts at once (all pools together). Default 20. */
  maxConnections?: number;
  /** Start from a `PGlite.dumpDataDir()` image instead of running initdb (about 0.3 s instead of 2 s). */
  loadDataDir?: Blob;
}

export interface EmbeddedPostgres {
  /** Works for `pg`, PrismaPg and psql. */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const host = opts.host ?? "127.0.0.1";
  const inMemory = (opts.dataDir ?? "").startsWith(MEMORY);
  const dataDir = inMemory ? MEMORY : path.resolve(opts.dataDir ?? ".data/pglite");
  const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
  try {
    const db = await PGlite.create(dataDir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
    const server = new PGLiteSocketServer({
      db,
      host,
      port: opts.port ?? DEFAULT_EMBEDDED_PORT,
      maxConnections: opts.maxConnections ?? 20,
    });
    await server.start().catch(async (err: unknown) => {
      await db.close();
      throw listenError(err, opts.port ?? DEFAULT_EMBEDDED_PORT);
    });
    const port = Number(server.getServerConn().split(":").pop());
    return { url: embeddedUrl(host, port), port, dataDir, stop: once(() => shutdown(server, db, unlock)) };
  } catch (err) {
    unlock();
    throw err;
  }
}

// PGlite accepts any user and database name; sslmode=disable saves the SSL round trip that pg and
// Prisma's schema engine would otherwise try first.
export function embeddedUrl(host: string, port: number): string {
  return `postgresql://postgres:postgres@${host}:${port}/postgres?sslmode=disable`;
}

async function shutdown(server: PGLiteSocketServer, db: PGlite, unlock: () => void): Promise<void> {
  try {
    await server.stop();
    await db.close();
  } finally {
    unlock();
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

function listenError(err: unknown, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code !== "EADDRINUSE") return err instanceof Error ? err : new Error(String(err));
  return new Error(
    `Port ${port} for the embedded PostgreSQL is already in use (another console running?). ` +
      `Stop it, choose another port (EMBEDDED_DB_PORT), or point DATABASE_URL at a PostgreSQL server.`,
  );
}

// Two PGlite instances on one directory corrupt it, so a second process must fail fast.
// The lock sits next to the data dir because PGlite runs initdb only on an empty directory.
function lockDataDir(dataDir: string): () => void {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(readFileSync(lockFile, "utf8").trim());
      if (isAlive(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${owner}. Stop that process first, or set DATABASE_URL to use another PostgreSQL.`,
        );
      }
      rmSync(lockFile, { force: true }); // left behind by a process that was killed
    }
  }
  throw new Error(`Could not lock ${lockFile}; remove it if no console is running.`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
