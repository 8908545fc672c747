// Throwaway databases for integration tests, created next to the one DATABASE_URL points at so
// tests never touch its data. PGlite serves a single database whatever name is asked for, so
// against it each scratch database is a separate in-memory PGlite instead.
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { MEMORY, startEmbeddedPostgres } from "./embedded";

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function isPglite(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT version() AS v");
    return rows[0]?.v.includes("PGlite") ?? false;
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(baseUrl: string, prefix = "scratch"): Promise<ScratchDatabase> {
  if (await isPglite(baseUrl)) {
    const db = await startEmbeddedPostgres({ dataDir: MEMORY, port: 0, maxConnections: 10, loadDataDir: await emptyImage() });
    return { url: db.url, drop: db.stop };
  }
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await admin(baseUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

// initdb once per process; each scratch instance then starts from a copy of the empty cluster.
let emptyImagePromise: Promise<Blob> | undefined;
function emptyImage(): Promise<Blob> {
  return (emptyImagePromise ??= (async () => {
    const db = await PGlite.create(MEMORY);
    try {
      return await db.dumpDataDir("none");
    } finally {
      await db.close();
    }
  })());
}

async function admin(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
