// lib/db.ts: the app's lazily created singleton, used through the `prisma` proxy.
import net from "node:net";
import { describe, expect, it, vi } from "vitest";
import { getPrisma, prisma, sql } from "../db";
import { createPool } from "./client";

describe("lib/db", () => {
  it("hands out one client, reachable through the proxy", async () => {
    expect(getPrisma()).toBe(getPrisma());
    expect(await prisma.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`).toEqual([{ one: 1 }]);
    expect(typeof (await prisma.user.count())).toBe("number");
    const [users, connections] = await prisma.$transaction([prisma.user.count(), prisma.connection.count()]);
    expect([typeof users, typeof connections]).toEqual(["number", "number"]);
    expect("user" in prisma).toBe(true);
  });

  it("runs raw statements on the same pool, repeatedly (named on PostgreSQL), with Prisma's value shapes", async () => {
    const text = `SELECT $1::int AS n, $2::jsonb AS j, $3::timestamptz AS t, 'admin'::"Role" AS r`;
    const at = new Date("2026-01-02T03:04:05.678Z");
    for (let i = 0; i < 3; i++) {
      const [row] = await sql<{ n: number; j: unknown; t: Date; r: string }>(text, [i, JSON.stringify({ a: [1, "x"] }), at]);
      expect(row).toEqual({ n: i, j: { a: [1, "x"] }, t: at, r: "admin" });
    }
    // concurrent use of one statement across the pool's connections
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => sql<{ n: number }>(`SELECT $1::int AS n`, [i])));
    expect(many.map(([r]) => r!.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("survives the server dropping an idle connection: a warning, no crash, and the next query works", async () => {
    // the pool talks to the database through a relay that can cut every connection, as a restart would
    const target = new URL(process.env.DATABASE_URL!);
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("error", () => undefined);
        s.on("close", () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => relay.listen(0, "127.0.0.1", r));
    const url = new URL(target);
    url.hostname = "127.0.0.1";
    url.port = String((relay.address() as net.AddressInfo).port);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const crashes: unknown[] = [];
    const onCrash = (e: unknown) => void crashes.push(e);
    process.on("uncaughtException", onCrash);
    const pool = createPool(url.toString(), 2);
    try {
      expect((await pool.query("SELECT 1::int AS one")).rows).toEqual([{ one: 1 }]);
      for (const s of sockets) s.destroy();
      await new Promise((r) => setTimeout(r, 200));
      expect(crashes).toEqual([]);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/idle database connection was closed/));
      expect((await pool.query("SELECT 2::int AS two")).rows).toEqual([{ two: 2 }]);
    } finally {
      process.off("uncaughtException", onCrash);
      warn.mockRestore();
      await pool.end();
      for (const s of sockets) s.destroy();
      await new Promise((r) => relay.close(r));
    }
  });
});
