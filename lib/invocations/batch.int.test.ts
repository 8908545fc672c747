// The batch use case (Alibaba InvokeThingsService) against PostgreSQL and the emulator over real
// HTTP + MQTT: one platform call, one audit row per device, each row finished by the reconciler.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmulatorConnection } from "../testing/emulator-connection";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { prisma } from "../db";
import { invokeBatch, loadBatch } from "./batch";
import { reconcileOnce } from "./reconciler";
import { InputValidationError, type CurrentUser } from "./types";

// an admin reaches every connection without grants, so the test is about batches, not access
const user: CurrentUser = { id: "it-batch", email: "batch@it.local", name: "IT batch", role: "admin" };
const lamps = (...n: number[]) => n.map((i) => `lamp-${String(i).padStart(3, "0")}`);

let emu: RunningEmulator;
let connectionId: string;

async function control(path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.aliyunUrl}/_emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok, await res.clone().text()).toBe(true);
  return res.json();
}

/** InvokeThingsService calls the emulator received, with their DeviceName.N lists. */
async function batchCalls(): Promise<{ deviceNames: string[]; args: string | undefined }[]> {
  const log = (await control("requests")) as { requests: { query: Record<string, string>; headers: Record<string, string> }[] };
  return log.requests
    .filter((r) => r.headers["x-acs-action"] === "InvokeThingsService" || r.query.Action === "InvokeThingsService")
    .map((r) => ({
      deviceNames: Object.keys(r.query)
        .filter((k) => /^DeviceName\.\d+$/.test(k))
        .sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]))
        .map((k) => r.query[k]!),
      args: r.query.Args,
    }));
}

/** Runs the reconciler until no row of the batch waits for its device (the background loop does this each second). */
async function reconcileBatch(batchId: string, rounds = 40): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await prisma.invocation.updateMany({ where: { batchId, status: "SENT" }, data: { nextPollAt: new Date() } });
    await reconcileOnce();
    if ((await prisma.invocation.count({ where: { batchId, status: "SENT" } })) === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function addConnection(name: string): Promise<string> {
  return createEmulatorConnection(prisma, emu, { name, platform: "aliyun" });
}

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
  connectionId = await addConnection(`it-aliyun-batch-${randomUUID().slice(0, 8)}`);
});

afterAll(async () => {
  await emu?.stop();
  await prisma.$disconnect();
});

beforeEach(async () => {
  await control("reset", {});
});

const blink = (deviceNames: string[], extra: { idempotencyKey?: string } = {}) =>
  invokeBatch(user, { connectionId, productKey: "a1DemoLamp", deviceNames, serviceId: "blink", input: { times: 2 }, ...extra });

describe("invokeBatch (Alibaba InvokeThingsService)", () => {
  it("records one row per device, makes one platform call, and the reconciler finishes every row SUCCEEDED", async () => {
    const batch = await blink(lamps(1, 2, 3));

    expect(batch.rows.map((r) => [r.deviceKey, r.status])).toEqual([
      ["lamp-001", "SENT"],
      ["lamp-002", "SENT"],
      ["lamp-003", "SENT"],
    ]);
    expect(await batchCalls()).toEqual([{ deviceNames: lamps(1, 2, 3), args: '{"times":2}' }]);
    const rows = await prisma.invocation.findMany({ where: { batchId: batch.batchId }, include: { events: { orderBy: { at: "asc" } } }, orderBy: { deviceKey: "asc" } });
    expect(rows).toHaveLength(3);
    for (const [i, row] of rows.entries()) {
      expect(row).toMatchObject({ platform: "aliyun", productKey: "a1DemoLamp", iotId: `lampIotId000000000${i + 1}`, serviceId: "blink", mode: "async", messageId: null });
      expect(row.input).toEqual({ times: 2 });
      expect(row.sentAt).toBeInstanceOf(Date);
      expect(row.nextPollAt).toBeInstanceOf(Date);
      expect(row.events.map((e) => e.type)).toEqual(["recorded", "accepted"]);
    }
    // the one call's request id is on every row
    expect(new Set(rows.map((r) => r.platformRequestId)).size).toBe(1);
    expect(rows[0]!.platformRequestId).toMatch(/\S/);

    await reconcileBatch(batch.batchId);
    const done = await loadBatch(batch.batchId, {});
    expect(done?.rows.map((r) => [r.deviceKey, r.status])).toEqual([
      ["lamp-001", "SUCCEEDED"],
      ["lamp-002", "SUCCEEDED"],
      ["lamp-003", "SUCCEEDED"],
    ]);
    for (const row of done!.rows) {
      expect(row.output).toEqual({ done: 0 });
      expect(row.deviceRepliedAt && row.completedAt).toBeTruthy();
    }
    expect(await batchCalls()).toHaveLength(1);
  });

  it("keeps each device's own answer: a device error fails its row only", async () => {
    await control("devices/a1DemoLamp/lamp-002", { fail: { blink: { code: 460, message: "bulb missing" } } });
    const batch = await blink(lamps(1, 2));
    await reconcileBatch(batch.batchId);
    const done = await loadBatch(batch.batchId, {});
    expect(done?.rows.map((r) => [r.deviceKey, r.status, r.platformCode])).toEqual([
      ["lamp-001", "SUCCEEDED", "200"],
      ["lamp-002", "FAILED", "460"],
    ]);
    expect(done?.rows[1]?.message).toMatch(/bulb missing/);
  });

  it("refuses 101 devices with a clear message, recording and sending nothing", async () => {
    const before = await prisma.invocation.count({ where: { connectionId } });
    const names = Array.from({ length: 101 }, (_, i) => `lamp-x${String(i).padStart(3, "0")}`);
    const refused = await blink(names).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InputValidationError);
    expect((refused as InputValidationError).issues).toEqual([
      { path: "deviceNames", message: expect.stringMatching(/at most 100 devices .*101 were selected/) },
    ]);
    expect(await batchCalls()).toEqual([]);
    expect(await prisma.invocation.count({ where: { connectionId } })).toBe(before);
  });

  it("refuses a sync service and input the TSL does not accept, before anything is recorded or sent", async () => {
    const before = await prisma.invocation.count({ where: { connectionId } });
    const sync = await invokeBatch(user, { connectionId, productKey: "a1DemoLamp", deviceNames: lamps(1), serviceId: "setBrightness", input: { brightness: 1 } }).catch(
      (e: unknown) => e,
    );
    expect((sync as InputValidationError).issues).toEqual([{ path: "serviceId", message: expect.stringMatching(/async/) }]);
    const outOfRange = await invokeBatch(user, { connectionId, productKey: "a1DemoLamp", deviceNames: lamps(1, 2), serviceId: "blink", input: { times: 11 } }).catch(
      (e: unknown) => e,
    );
    expect((outOfRange as InputValidationError).issues).toContainEqual(expect.objectContaining({ path: "times" }));
    expect(await batchCalls()).toEqual([]);
    expect(await prisma.invocation.count({ where: { connectionId } })).toBe(before);
  });

  it("answers a retried request with its first batch and calls the platform once", async () => {
    const key = randomUUID();
    const first = await blink(lamps(4, 5), { idempotencyKey: key });
    const again = await blink(lamps(4, 5), { idempotencyKey: key });
    expect(again.batchId).toBe(first.batchId);
    expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(await batchCalls()).toHaveLength(1);
  });

  it("finishes every row FAILED with the platform's code when the call is refused", async () => {
    // a second connection whose devices are looked up (and cached) first; then its instance ID goes
    // wrong, so the batch call itself is what Alibaba refuses
    const otherId = await addConnection(`it-aliyun-batch-bad-${randomUUID().slice(0, 8)}`);
    await invokeBatch(user, { connectionId: otherId, productKey: "a1DemoLamp", deviceNames: lamps(1, 2), serviceId: "blink", input: { times: 1 } });
    await prisma.connection.update({ where: { id: otherId }, data: { instanceId: "iot-cn-nosuch" } });

    const batch = await invokeBatch(user, { connectionId: otherId, productKey: "a1DemoLamp", deviceNames: lamps(1, 2), serviceId: "blink", input: { times: 1 } });
    expect(batch.rows.map((r) => [r.deviceKey, r.status, r.platformCode])).toEqual([
      ["lamp-001", "FAILED", "iot.system.InstanceNotFound"],
      ["lamp-002", "FAILED", "iot.system.InstanceNotFound"],
    ]);
    expect(batch.rows[0]?.message).toMatch(/instance/i);
    const rows = await prisma.invocation.findMany({ where: { batchId: batch.batchId }, include: { events: true } });
    for (const row of rows) {
      expect(row.nextPollAt).toBeNull();
      expect(row.completedAt).toBeInstanceOf(Date);
      expect(row.events.map((e) => e.type).sort()).toEqual(["finished", "recorded"]);
    }
  });
});
