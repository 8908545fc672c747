// Prisma client factory without `server-only`, for scripts and tests; the app uses lib/db.ts.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export interface CreatePrismaOptions {
  /** Log every SQL statement (DEBUG_SQL=1 in the app). */
  logQueries?: boolean;
}

/**
 * A pg pool for a database. A bounded wait: an unreachable or full database (the embedded one caps
 * connections) should fail a request, not hang it.
 */
export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  // An idle connection the server drops (a restart, a terminated backend) is reported here; without a
  // listener it would crash the process. The next query opens a fresh connection.
  pool.on("error", (error) => console.warn(`[db] an idle database connection was closed: ${error.message}`));
  return pool;
}

/** A Prisma client over `pool` (shared with lib/db.ts's raw SQL), or over a pool of its own. */
export function createPrisma(url: string, max = 10, opts: CreatePrismaOptions = {}, pool?: pg.Pool): PrismaClient {
  const adapter = new PrismaPg(pool ?? createPool(url, max));
  return new PrismaClient({ adapter, log: opts.logQueries ? ["query", "warn", "error"] : ["warn", "error"] });
}
