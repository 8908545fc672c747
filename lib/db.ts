// The app's Prisma client and its pg pool: one per server process, created on first use so that
// importing this module (e.g. while `next build` collects pages) needs no database.
import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import { Batcher } from "./db/batcher";
import { createPool, createPrisma } from "./db/client";
import { databaseUrl, env } from "./env";
import type { PrismaClient } from "./generated/prisma/client";

// On globalThis so dev hot reloads, and bundles that load this module twice, share one pool:
// the embedded PostgreSQL caps connections across all pools.
const holder = globalThis as typeof globalThis & { __consolePrisma?: PrismaClient; __consolePool?: pg.Pool };

function pool(): pg.Pool {
  if (!holder.__consolePool) {
    const e = env();
    holder.__consolePool = createPool(databaseUrl(e), e.DATABASE_POOL_MAX);
  }
  return holder.__consolePool;
}

export function getPrisma(): PrismaClient {
  if (!holder.__consolePrisma) {
    const e = env();
    holder.__consolePrisma = createPrisma(databaseUrl(e), e.DATABASE_POOL_MAX, { logQueries: e.DEBUG_SQL }, pool());
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

/**
 * One parameterised statement on the same pool, without Prisma's query engine: for the few
 * statements every invocation runs (session or token, connection, the two audit writes), where the
 * engine cost about half a millisecond of CPU per call. Rows come as pg parses them: timestamptz as
 * Date, jsonb parsed, int4 as number, enums and uuids as strings (the shapes Prisma gives for these
 * columns). On a PostgreSQL server each text is a named prepared statement, parsed and planned once
 * per connection (about 0.1 ms less per statement); the embedded PGlite serves every connection
 * from one session, where names would collide, so there it is sent unnamed.
 */
export async function sql<T>(text: string, values: readonly unknown[]): Promise<T[]> {
  const p = pool();
  if (env().DEBUG_SQL) console.log(`sql: ${text.replace(/\s+/g, " ").trim()}`);
  const name = (await namedStatements(p)) ? statementName(text) : undefined;
  const result = await p.query({ name, text, values: values as unknown[] });
  return result.rows as T[];
}

let named: Promise<boolean> | undefined;

function namedStatements(p: pg.Pool): Promise<boolean> {
  named ??= p.query<{ v: string }>("SELECT version() AS v").then(
    (r) => !/PGlite/i.test(r.rows[0]?.v ?? "PGlite"),
    () => {
      named = undefined; // ask again next time; the statement itself will report the failure
      return false;
    },
  );
  return named;
}

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `dsc_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`));
  return name;
}

/**
 * A read every request runs, batched (lib/db/batcher.ts): lookups made while an earlier batch of
 * the same statement is at the database go together as one statement. `text` reads its lookups
 * from `$1::jsonb`, an array of `params` objects (e.g. `jsonb_to_recordset($1::jsonb) AS k("key"
 * text, …)`), and answers rows with a "key" column naming the lookup each row belongs to. Equal
 * keys in one batch are looked up once. Each call gets the rows of its own key.
 */
export function batchedSql<P extends { key: string }, R extends { key: string }>(text: string): (params: P) => Promise<R[]> {
  const batcher = new Batcher<P, R[]>(
    async (items) => {
      const unique = [...new Map(items.map((p) => [p.key, p])).values()];
      const rows = await sql<R>(text, [JSON.stringify(unique)]);
      const byKey = new Map<string, R[]>();
      for (const row of rows) {
        const same = byKey.get(row.key);
        if (same) same.push(row);
        else byKey.set(row.key, [row]);
      }
      return items.map((p) => byKey.get(p.key) ?? []);
    },
    // no retry call by call: a lookup's values (text keys, uuids checked beforehand) cannot make a
    // batch fail, so a failure is the database's and would only repeat for each call
    { maxBatch: 100, maxInFlight: 2 },
  );
  return (params) => batcher.add(params);
}
