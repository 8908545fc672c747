// The two audit writes of every invocation, batched (audit-writes.ts): concurrent writes are
// committed together, each row still gets exactly its own values and events, an idempotency key
// still admits one row, and a row PostgreSQL refuses fails alone, not the rows batched with it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../db";
import { createEmulatorConnection } from "../testing/emulator-connection";
import { finishPending, insertPending, outcomeRecord, type PendingRecord } from "./audit-writes";

const tag = `it-batch-${randomUUID().slice(0, 8)}`;
const started = Date.now();
let connectionId: string;

function pending(n: number, extra: Partial<PendingRecord> = {}): PendingRecord {
  return {
    id: randomUUID(),
    idempotencyKey: null,
    userId: tag,
    userEmail: "batch@it.local",
    userRole: "engineer",
    connectionId,
    connectionName: tag,
    platform: "enos",
    orgId: "o1",
    instanceId: null,
    productKey: "demoPump",
    deviceKey: `pump-${n}`,
    assetId: null,
    iotId: null,
    deviceName: null,
    serviceId: "setSpeed",
    serviceName: "Set speed",
    input: { speed: n, nested: { list: [n, "x"] } },
    reason: n % 2 ? `reason ${n}` : null,
    mode: "instant",
    timeoutMs: 60_000 + n,
    pendingTtlS: n % 3 ? null : n,
    ownerInstanceId: randomUUID(),
    requestedAt: new Date(started + n),
    ...extra,
  };
}

/** transaction ids of the rows: rows written by one statement share one */
async function writers(ids: string[]): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(DISTINCT xmin::text)::int AS n FROM "invocation" WHERE "id" = ANY($1::uuid[])`, ids);
  return rows[0]!.n;
}

beforeAll(async () => {
  connectionId = await createEmulatorConnection(prisma, { enosUrl: "http://127.0.0.1:9", aliyunUrl: "http://127.0.0.1:9" }, { name: tag });
});

afterAll(async () => {
  // the history is append-only: leave no row PENDING for the reconcilers of later test files
  const left = await prisma.invocation.findMany({ where: { userId: tag, status: "PENDING" }, select: { id: true, requestedAt: true } });
  for (const row of left) {
    const { fields, event } = outcomeRecord({ status: "FAILED", message: "test over" }, { requestedAt: row.requestedAt, callStartedAt: row.requestedAt, now: new Date() });
    await finishPending(row.id, fields, event);
  }
  await prisma.$disconnect();
});

describe("batched audit writes", () => {
  it("records concurrent invocations together, each with its own values and one 'recorded' event", async () => {
    const records = Array.from({ length: 40 }, (_, n) => pending(n));
    const rows = await Promise.all(records.map((r) => insertPending(r, { mode: r.mode, n: r.timeoutMs })));
    rows.forEach((row, n) => {
      const r = records[n]!;
      expect(row).toMatchObject({
        id: r.id,
        status: "PENDING",
        deviceKey: r.deviceKey,
        input: r.input,
        reason: r.reason,
        timeoutMs: r.timeoutMs,
        pendingTtlS: r.pendingTtlS,
        ownerInstanceId: r.ownerInstanceId,
        requestedAt: r.requestedAt,
      });
    });
    const ids = records.map((r) => r.id);
    // 40 single-row writes would be 40 transactions
    expect(await writers(ids)).toBeLessThanOrEqual(10);
    const events = await prisma.invocationEvent.findMany({ where: { invocationId: { in: ids } } });
    expect(events).toHaveLength(40);
    for (const e of events) {
      const r = records.find((x) => x.id === e.invocationId)!;
      expect(e).toMatchObject({ type: "recorded", at: r.requestedAt, data: { mode: "instant", n: r.timeoutMs } });
    }
  });

  it("admits one row per idempotency key, also when both requests are in one batch", async () => {
    const key = `${tag}-key`;
    const [a, b] = await Promise.all([insertPending(pending(1, { idempotencyKey: key }), {}), insertPending(pending(2, { idempotencyKey: key }), {})]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await prisma.invocation.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  it("fails only the invocation whose values PostgreSQL refuses; the others of its batch are recorded", async () => {
    const good = Array.from({ length: 8 }, (_, n) => pending(100 + n));
    // jsonb cannot hold a NUL character: the batch statement fails, then each row is tried alone
    const bad = pending(99, { input: { text: "a\u0000b" } });
    const results = await Promise.allSettled([...good.slice(0, 4), bad, ...good.slice(4)].map((r) => insertPending(r, {})));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await prisma.invocation.count({ where: { id: { in: good.map((r) => r.id) } } })).toBe(8);
    expect(await prisma.invocation.count({ where: { id: bad.id } })).toBe(0);
  });

  it("finishes concurrent invocations together with their own outcomes, once", async () => {
    const records = Array.from({ length: 30 }, (_, n) => pending(200 + n));
    await Promise.all(records.map((r) => insertPending(r, {})));
    const statuses = ["SUCCEEDED", "FAILED", "TIMED_OUT"] as const;
    const finishes = records.map((r, n) => {
      const status = statuses[n % 3]!;
      const now = new Date(r.requestedAt.getTime() + 50);
      return outcomeRecord(
        { status, output: status === "SUCCEEDED" ? { speed: n } : undefined, platformCode: status === "FAILED" ? `E${n}` : undefined, message: status === "SUCCEEDED" ? undefined : `why ${n}` },
        { requestedAt: r.requestedAt, callStartedAt: r.requestedAt, now },
      );
    });
    const rows = await Promise.all(records.map((r, n) => finishPending(r.id, finishes[n]!.fields, finishes[n]!.event)));
    rows.forEach((row, n) => {
      const status = statuses[n % 3]!;
      expect(row).toMatchObject({
        id: records[n]!.id,
        status,
        output: status === "SUCCEEDED" ? { speed: n } : null,
        platformCode: status === "FAILED" ? `E${n}` : null,
        statusMessage: status === "SUCCEEDED" ? null : `why ${n}`,
        latencyMs: 50,
      });
    });
    expect(await writers(records.map((r) => r.id))).toBeLessThanOrEqual(10);

    // a repeated finish (a retry after a lost reply) changes nothing and answers the row as it is
    const again = await finishPending(records[0]!.id, finishes[1]!.fields, finishes[1]!.event);
    expect(again).toMatchObject({ status: "SUCCEEDED", output: { speed: 0 } });
    const events = await prisma.invocationEvent.groupBy({ by: ["invocationId"], where: { invocationId: { in: records.map((r) => r.id) }, type: "finished" }, _count: true });
    expect(events).toHaveLength(30);
    expect(events.every((e) => e._count === 1)).toBe(true);
  });
});
