// The reconciler against PostgreSQL and the emulator: cached commands finish while no console runs,
// orphaned PENDING rows become INTERRUPTED, and concurrent reconcilers never poll a row twice.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmulatorConnection } from "../testing/emulator-connection";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { prisma } from "../db";
import { invokeService } from "./invoke";
import { grantConnections } from "../testing/grants";
import { invocationRow } from "../testing/invocation-row";
import { MAX_LATENCY_MS } from "./latency";
import { interruptOrphans, reconcileOnce } from "./reconciler";
import type { CurrentUser } from "./types";

const user: CurrentUser = { id: "it-reconciler", email: "reconciler@it.local", name: "IT", role: "engineer" };
const offlinePump = { productKey: "demoPump", deviceKey: "pump-002" };

let emu: RunningEmulator;
let connectionId: string;

async function control(path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.enosUrl}/_emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok, await res.clone().text()).toBe(true);
  return res.json();
}

async function commandGets(): Promise<string[]> {
  const log = (await control("requests")) as { requests: { query: Record<string, string> }[] };
  return log.requests.filter((r) => r.query.action === "get" && r.query.commandId).map((r) => r.query.commandId!);
}

/** Runs the reconciler until the rows are no longer waiting (the background loop does this each second). */
async function reconcileUntil(ids: string[], done: (status: string) => boolean, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await prisma.invocation.updateMany({ where: { id: { in: ids } }, data: { nextPollAt: new Date() } });
    await reconcileOnce();
    const rows = await prisma.invocation.findMany({ where: { id: { in: ids } }, select: { status: true } });
    if (rows.every((r) => done(r.status))) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
  connectionId = await createEmulatorConnection(prisma, emu, { name: `it-reconciler-${randomUUID().slice(0, 8)}` });
  await grantConnections(prisma, user, [connectionId]);
});

afterAll(async () => {
  await emu?.stop();
  await prisma.$disconnect();
});

beforeEach(async () => {
  await control("reset", {});
});

describe("reconciler", () => {
  it("finishes cached commands that completed while no console was running, with their outputs", async () => {
    const queued = await Promise.all(
      [3, 4].map((delay) =>
        invokeService(user, { connectionId, device: offlinePump, serviceId: "reboot", input: { delay }, timeoutMs: 10_000, pendingTtlS: 600 }),
      ),
    );
    expect(queued.map((q) => q.status)).toEqual(["QUEUED", "QUEUED"]);

    // the console is "stopped": the device comes online and the platform delivers the queue
    await control("devices/demoPump/pump-002", { online: true });
    const ids = queued.map((q) => q.id);
    await reconcileUntil(ids, (s) => s === "SUCCEEDED");

    const rows = await prisma.invocation.findMany({ where: { id: { in: ids } }, include: { events: true } });
    for (const row of rows) {
      expect(row.status).toBe("SUCCEEDED");
      expect(row.rawState).toBe("5");
      expect(row.output).toMatchObject({ result: expect.any(String) });
      expect(row.completedAt).not.toBeNull();
      expect(row.events.map((e) => e.type)).toContain("finished");
    }
  });

  it("marks a command whose TTL ran out EXPIRED", async () => {
    const view = await invokeService(user, {
      connectionId,
      device: offlinePump,
      serviceId: "reboot",
      input: { delay: 1 },
      timeoutMs: 10_000,
      pendingTtlS: 1,
    });
    expect(view.status).toBe("QUEUED");
    await new Promise((r) => setTimeout(r, 1_500));
    await reconcileUntil([view.id], (s) => s === "EXPIRED");
    const row = await prisma.invocation.findUniqueOrThrow({ where: { id: view.id } });
    expect(row).toMatchObject({ status: "EXPIRED", rawState: "3" });
  });

  it("turns a PENDING row whose console process died into INTERRUPTED, saying why", async () => {
    // its console process never beat, i.e. is gone
    const row = await prisma.invocation.create({ data: invocationRow(user, connectionId, { ownerInstanceId: randomUUID() }) });
    expect(await interruptOrphans()).toBeGreaterThanOrEqual(1);
    const after = await prisma.invocation.findUniqueOrThrow({ where: { id: row.id }, include: { events: true } });
    expect(after.status).toBe("INTERRUPTED");
    expect(after.statusMessage).toMatch(/console stopped/i);
    expect(after.events.map((e) => e.type)).toEqual(["interrupted"]);
  });

  it("interrupts a row orphaned weeks ago too, with its latency capped (not an error that blocks every orphan)", async () => {
    const requestedAt = new Date(Date.now() - 30 * 86_400_000);
    const row = await prisma.invocation.create({ data: invocationRow(user, connectionId, { requestedAt, ownerInstanceId: randomUUID() }) });
    await interruptOrphans();
    const after = await prisma.invocation.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe("INTERRUPTED");
    expect(after.latencyMs).toBe(MAX_LATENCY_MS);
    expect(after.completedAt!.getTime() - after.requestedAt.getTime()).toBeGreaterThan(29 * 86_400_000);
  });

  it("lets concurrent reconcilers share the work without polling a row twice", async () => {
    const queued = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        invokeService(user, { connectionId, device: offlinePump, serviceId: "reboot", input: { delay: i }, timeoutMs: 10_000, pendingTtlS: 600 }),
      ),
    );
    const ids = queued.map((q) => q.id);
    await prisma.invocation.updateMany({ where: { id: { in: ids } }, data: { nextPollAt: new Date() } });
    await fetch(`${emu.enosUrl}/_emulator/requests`, { method: "DELETE" });

    await Promise.all([reconcileOnce(), reconcileOnce(), reconcileOnce()]);

    const polled = (await commandGets()).filter((c) => queued.some((q) => q.commandId === c));
    expect(polled.sort()).toEqual(queued.map((q) => q.commandId!).sort());
  });
});
