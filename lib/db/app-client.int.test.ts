// lib/db.ts: the app's lazily created singleton, used through the `prisma` proxy.
import { describe, expect, it } from "vitest";
import { getPrisma, prisma } from "../db";

describe("lib/db", () => {
  it("hands out one client, reachable through the proxy", async () => {
    expect(getPrisma()).toBe(getPrisma());
    expect(await prisma.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`).toEqual([{ one: 1 }]);
    expect(typeof (await prisma.user.count())).toBe("number");
    const [users, connections] = await prisma.$transaction([prisma.user.count(), prisma.connection.count()]);
    expect([typeof users, typeof connections]).toEqual(["number", "number"]);
    expect("user" in prisma).toBe(true);
  });
});
