// Nothing sent twice, nothing left PENDING: the same idempotency key sent many times at once makes
// one platform call and one row, and a PENDING row nobody will finish is interrupted by the reconciler.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmulatorConnection } from "../testing/emulator-connection";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { prisma } from "../db";
import { invocationRow } from "../testing/invocation-row";
import { ensureInstanceRegistered, instanceId } from "./instance";
import { invokeService } from "./invoke";
import { invokeOnce } from "./invoke-once";
import { interruptOrphans } from "./reconciler";
import type { CurrentUser } from "./types";

const user: CurrentUser = { id: "it-idempotency", email: "idem@it.local", name: "IT idempotency", role: "admin" };
const pump = { productKey: "demoPump", deviceKey: "pump-004" };

let emu: RunningEmulator;
let connectionId: string;

async function invokeRequests(): Promise<{ query: Record<string, string>; body: string }[]> {
  const res = await fetch(`${emu.enosUrl}/_emulator/requests`);
  const log = (await res.json()) as { requests: { query: Record<string, string>; body: string }[] };
  return log.requests.filter((r) => r.query.action === "invokeService");
}

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
  connectionId = await createEmulatorConnection(prisma, emu, { name: `it-idempotency-${randomUUID().slice(0, 8)}` });
  // device and thing model cached, so the racing calls reach the insert at about the same time
  await invokeService(user, { connectionId, device: pump, serviceId: "getStatus", input: {}, timeoutMs: 5_000 });
});

afterAll(async () => {
  await emu?.stop();
  await prisma.$disconnect();
});

beforeEach(async () => {
  await fetch(`${emu.enosUrl}/_emulator/requests`, { method: "DELETE" });
});

describe("one idempotency key, many requests at once", () => {
  it("makes one platform call and one row, and every request answers with that row", async () => {
    const key = randomUUID();
    const label = key.slice(0, 16);
    // a slow device keeps the winner's call open while the others arrive
    await fetch(`${emu.enosUrl}/_emulator/devices/demoPump/pump-004`, { method: "POST", body: JSON.stringify({ latencyMs: 300 }) });
    try {
      const views = await Promise.all(
        Array.from({ length: 12 }, () =>
          invokeService(user, { connectionId, device: pump, serviceId: "setMode", input: { mode: 1, enabled: true, speed: 10.5, label }, timeoutMs: 5_000, idempotencyKey: key }),
        ),
      );
      expect(new Set(views.map((v) => v.id)).size).toBe(1);
      expect(await prisma.invocation.count({ where: { idempotencyKey: key } })).toBe(1);
      expect((await invokeRequests()).filter((r) => r.body.includes(label))).toHaveLength(1);
      const row = await prisma.invocation.findUniqueOrThrow({ where: { idempotencyKey: key }, include: { events: true } });
      expect(row.status).toBe("SUCCEEDED");
      expect(row.events.map((e) => e.type).sort()).toEqual(["finished", "recorded"]);
    } finally {
      await fetch(`${emu.enosUrl}/_emulator/devices/demoPump/pump-004`, { method: "POST", body: JSON.stringify({ latencyMs: 0 }) });
    }
  });

  it("through the API's invokeOnce too, and a repeat after the call returns the finished row without calling again", async () => {
    const key = randomUUID();
    const label = key.slice(0, 16);
    const params = { connectionId, device: pump, serviceId: "setMode", input: { mode: 2, enabled: false, speed: 1.5, label }, timeoutMs: 5_000, idempotencyKey: key };
    const first = await Promise.all(Array.from({ length: 8 }, () => invokeOnce(user, params)));
    expect(new Set(first.map((r) => r.invocation.id)).size).toBe(1);
    // one of them made it (201 in the API), the others were answered with it (200)
    expect(first.filter((r) => r.created)).toHaveLength(1);
    const again = await invokeOnce(user, params);
    expect(again).toMatchObject({ created: false, invocation: { id: first[0]!.invocation.id, status: "SUCCEEDED" } });
    expect((await invokeRequests()).filter((r) => r.body.includes(label))).toHaveLength(1);
  });
});

describe("PENDING rows nobody will finish", () => {
  it("interrupts a live console's row long past its deadline, and leaves a fresh one alone", async () => {
    await ensureInstanceRegistered();
    await prisma.consoleInstance.update({ where: { id: instanceId }, data: { heartbeatAt: new Date() } });
    const base = invocationRow(user, connectionId, { ...pump, serviceId: "getStatus", input: {}, status: "PENDING", ownerInstanceId: instanceId });
    const stuck = await prisma.invocation.create({ data: { ...base, requestedAt: new Date(Date.now() - 10_000 - 121_000) } });
    const fresh = await prisma.invocation.create({ data: { ...base, requestedAt: new Date(Date.now() - 10_000) } });

    await interruptOrphans();

    const after = await prisma.invocation.findMany({ where: { id: { in: [stuck.id, fresh.id] } }, include: { events: true } });
    const s = after.find((r) => r.id === stuck.id)!;
    expect(s).toMatchObject({ status: "INTERRUPTED", statusMessage: expect.stringMatching(/could not record the outcome/) });
    expect(s.nextPollAt).not.toBeNull();
    expect(s.events.map((e) => e.type)).toEqual(["interrupted"]);
    expect(after.find((r) => r.id === fresh.id)!.status).toBe("PENDING");
    // a row left PENDING by the test would be the next test's orphan: finish it the way the reconciler would
    await prisma.invocation.update({ where: { id: fresh.id }, data: { status: "INTERRUPTED", statusMessage: "test cleanup", nextPollAt: null } });
  });
});
