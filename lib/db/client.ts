// Prisma client factory without `server-only`, for scripts and tests; the app uses lib/db.ts.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export interface CreatePrismaOptions {
  /** Log every SQL statement (DEBUG_SQL=1 in the app). */
  logQueries?: boolean;
}

export function createPrisma(url: string, max = 10, opts: CreatePrismaOptions = {}): PrismaClient {
  // A bounded wait: an unreachable or full database (the embedded one caps connections) should
  // fail a request, not hang it.
  const adapter = new PrismaPg({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  return new PrismaClient({ adapter, log: opts.logQueries ? ["query", "warn", "error"] : ["warn", "error"] });
}
