// lib/db.ts: the app's lazily created singleton, used through the `prisma` proxy.
import { describe, expect, it } from "vitest";
import { getPrisma, prisma, sql } from "../db";

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
});
