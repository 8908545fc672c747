// The app's Prisma client: one per server process (one pool), created on first use so that
// importing this module (e.g. while `next build` collects pages) needs no database.
import "server-only";
import { createPrisma } from "./db/client";
import { databaseUrl, env } from "./env";
import type { PrismaClient } from "./generated/prisma/client";

// On globalThis so dev hot reloads, and bundles that load this module twice, share one pool:
// the embedded PostgreSQL caps connections across all pools.
const holder = globalThis as typeof globalThis & { __consolePrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  if (!holder.__consolePrisma) {
    const e = env();
    holder.__consolePrisma = createPrisma(databaseUrl(e), e.DATABASE_POOL_MAX, { logQueries: e.DEBUG_SQL });
  }
  return holder.__consolePrisma;
}

/** Same client as `getPrisma()`, usable as a value at import time (e.g. by Better Auth's adapter). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getPrisma();
    const value: unknown = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
  has: (_target, prop) => Reflect.has(getPrisma(), prop),
});
