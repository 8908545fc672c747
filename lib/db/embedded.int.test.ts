import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createPrisma } from "./client";
import { MEMORY, startEmbeddedPostgres } from "./embedded";
import { applyMigrations } from "./migrate";

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

const scalar = async (url: string, sql: string): Promise<unknown> => Object.values((await query(url, sql))[0] ?? {})[0];

describe("embedded PostgreSQL", () => {
  it("serves pg and Prisma on a free port, in memory", async () => {
    const db = await startEmbeddedPostgres({ dataDir: MEMORY, port: 0 });
    try {
      expect(db.port).toBeGreaterThan(0);
      expect(await scalar(db.url, "SELECT version()")).toMatch(/PGlite/);
      await applyMigrations(db.url, { log: { info: () => undefined, warn: () => undefined } });
      const prisma = createPrisma(db.url, 4);
      try {
        await prisma.connection.create({
          data: { name: "c1", platform: "enos", endpoint: "http://127.0.0.1", accessKey: "ak", secretSealed: "v1:x:y:z" },
        });
        // More queries than pool connections, all at once: they must queue, not fail.
        const counts = await Promise.all(Array.from({ length: 20 }, () => prisma.connection.count()));
        expect(counts).toEqual(Array(20).fill(1));
      } finally {
        await prisma.$disconnect();
      }
    } finally {
      await db.stop();
    }
  });

  it("keeps data in a directory across restarts and refuses a second instance on it", async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), "pglite-")), "data");
    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      await query(first.url, "CREATE TABLE kept AS SELECT 42 AS v");
      await expect(startEmbeddedPostgres({ dataDir, port: 0 })).rejects.toThrow(/in use by process/);
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(await scalar(second.url, "SELECT v FROM kept")).toBe(42);
    } finally {
      await second.stop();
    }
  });
});
