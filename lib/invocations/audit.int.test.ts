// The append-only audit history, enforced by PostgreSQL itself (triggers in the history migration):
// no DELETE, no rewriting of who/what/when, no rewriting of a finished outcome; the reconciler's and
// the invoke path's legitimate updates still work; retention deletes only when it says so.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulatorConnection } from "../testing/emulator-connection";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { invocationRow } from "../testing/invocation-row";
import { invokeService } from "./invoke";
import { applyOutcome, interruptOrphans, reconcileOnce } from "./reconciler";
import { runRetention } from "./retention";
import type { CurrentUser } from "./types";

const user: CurrentUser = { id: `it-audit-${randomUUID().slice(0, 8)}`, email: "audit@it.local", name: "IT audit", role: "admin" };

let emu: RunningEmulator;
let connectionId: string;

async function control(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${emu.enosUrl}/_emulator/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.ok, await res.text()).toBe(true);
}

/** A row written straight to the table, as a broken-off call would leave it. */
function insertRow(extra: Partial<Prisma.InvocationUncheckedCreateInput> = {}) {
  return prisma.invocation.create({ data: invocationRow(user, connectionId, { connectionName: "audit", events: { create: { type: "recorded" } }, ...extra }) });
}

const finished = () =>
  invokeService(user, { connectionId, device: { productKey: "demoPump", deviceKey: "pump-001" }, serviceId: "reboot", input: { delay: 2 }, timeoutMs: 10_000 });

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
  connectionId = await createEmulatorConnection(prisma, emu, { name: `it-audit-${randomUUID().slice(0, 8)}` });
});

afterAll(async () => {
  await control("reset", {});
  await emu?.stop();
  await prisma.$disconnect();
});

describe("append-only audit", () => {
  it("refuses DELETE of an invocation and of its events, in plain SQL and through Prisma", async () => {
    const view = await finished();
    expect(view.status).toBe("SUCCEEDED");
    await expect(prisma.$executeRaw`DELETE FROM "invocation" WHERE "id" = ${view.id}::uuid`).rejects.toThrow(/append-only audit records: DELETE is refused/);
    await expect(prisma.$executeRaw`DELETE FROM "invocation_event" WHERE "invocationId" = ${view.id}::uuid`).rejects.toThrow(
      /"invocation_event" rows are append-only/,
    );
    await expect(prisma.invocation.delete({ where: { id: view.id } })).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`TRUNCATE "invocation_event"`)).rejects.toThrow(/TRUNCATE is refused/);
    expect(await prisma.invocation.count({ where: { id: view.id } })).toBe(1);
  });

  it("refuses changing a finished row's input, user or times, and its outcome", async () => {
    const view = await finished();
    await expect(prisma.$executeRaw`UPDATE "invocation" SET "input" = '{"delay": 99}' WHERE "id" = ${view.id}::uuid`).rejects.toThrow(
      /"input" is written once and cannot be changed/,
    );
    await expect(prisma.invocation.update({ where: { id: view.id }, data: { userEmail: "someone@else" } })).rejects.toThrow(/"userEmail"/);
    await expect(prisma.invocation.update({ where: { id: view.id }, data: { requestedAt: new Date(0) } })).rejects.toThrow(/"requestedAt"/);
    await expect(prisma.invocation.update({ where: { id: view.id }, data: { status: "FAILED" } })).rejects.toThrow(
      /finished as SUCCEEDED: its outcome \("status"\) cannot be changed/,
    );
    await expect(prisma.$executeRaw`UPDATE "invocation_event" SET "type" = 'x' WHERE "invocationId" = ${view.id}::uuid`).rejects.toThrow(
      /UPDATE is refused/,
    );
    // bookkeeping is not part of the record
    await prisma.invocation.update({ where: { id: view.id }, data: { nextPollAt: null, pollAttempts: 3 } });
    const row = await prisma.invocation.findUniqueOrThrow({ where: { id: view.id } });
    expect(row).toMatchObject({ input: { delay: 2 }, status: "SUCCEEDED", userEmail: user.email, pollAttempts: 3 });
  });

  it("still lets the reconciler move a queued command on, and then freezes it", async () => {
    const queued = await invokeService(user, {
      connectionId,
      device: { productKey: "demoPump", deviceKey: "pump-002" },
      serviceId: "reboot",
      input: { delay: 3 },
      timeoutMs: 10_000,
      pendingTtlS: 600,
    });
    expect(queued.status).toBe("QUEUED");
    await control("devices/demoPump/pump-002", { online: true });
    let status = queued.status as string;
    for (let i = 0; i < 20 && status !== "SUCCEEDED"; i++) {
      await prisma.invocation.update({ where: { id: queued.id }, data: { nextPollAt: new Date() } });
      await reconcileOnce();
      status = (await prisma.invocation.findUniqueOrThrow({ where: { id: queued.id } })).status;
      if (status !== "SUCCEEDED") await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe("SUCCEEDED");
    await control("devices/demoPump/pump-002", { online: false });

    // a late, stale answer for a finished row is refused by the database, not silently applied
    const row = await prisma.invocation.findUniqueOrThrow({ where: { id: queued.id } });
    await expect(applyOutcome(row, { status: "FAILED", message: "late" })).rejects.toThrow(/finished as SUCCEEDED/);
  });

  it("still lets an orphaned PENDING row become INTERRUPTED, and the invoke path finish it later", async () => {
    const row = await insertRow({ ownerInstanceId: randomUUID() });
    expect(await interruptOrphans()).toBeGreaterThanOrEqual(1);
    expect((await prisma.invocation.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("INTERRUPTED");
    // INTERRUPTED is not final: the platform's later answer is still recorded
    await applyOutcome({ ...row, pollAttempts: 1 }, { status: "SUCCEEDED", output: { ok: true } });
    const after = await prisma.invocation.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ status: "SUCCEEDED", output: { ok: true }, input: { delay: 1 } });
    await expect(prisma.invocation.update({ where: { id: row.id }, data: { status: "PENDING" } })).rejects.toThrow(/cannot be changed|PENDING/);
  });
});

describe("retention", () => {
  it("deletes only old rows, only inside its own transaction, and logs what it deleted", async () => {
    const old = await insertRow({ requestedAt: new Date("2001-01-01T00:00:00Z"), status: "FAILED" });
    const stillPolled = await insertRow({ requestedAt: new Date("2001-01-02T00:00:00Z"), status: "QUEUED", nextPollAt: new Date() });
    const recent = await insertRow({ status: "FAILED" });

    const result = await runRetention(prisma, { days: 365, batchSize: 1, log: () => undefined });

    const left = await prisma.invocation.findMany({ where: { id: { in: [old.id, stillPolled.id, recent.id] } }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([stillPolled.id, recent.id].sort());
    expect(await prisma.invocationEvent.count({ where: { invocationId: old.id } })).toBe(0);
    expect(result.invocationsDeleted).toBeGreaterThanOrEqual(1);
    const log = await prisma.retentionLog.findUniqueOrThrow({ where: { id: result.logId } });
    expect(log).toMatchObject({ retentionDays: 365, invocationsDeleted: result.invocationsDeleted, eventsDeleted: result.eventsDeleted });
    expect(log.finishedAt).not.toBeNull();
    expect(log.oldestDeletedAt!.getTime()).toBeLessThanOrEqual(old.requestedAt.getTime());

    // the setting lasts for that transaction only: outside it, deletes are refused again
    await expect(prisma.invocation.delete({ where: { id: recent.id } })).rejects.toThrow(/append-only/);
  });
});
