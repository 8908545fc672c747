// The EnOS adapters (v2.1 with cached commands, and the older API) against the emulator over real
// HTTP and MQTT: the console's signing and the emulator's are independent implementations.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../../emulator/index";
import { createEnosLegacyAdapter } from "../enos-legacy/adapter";
import type { ConnectionConfig, DeviceRef, InvocationHandle, PlatformAdapter } from "../types";
import { createEnosAdapter, type EnosAdapter } from "./adapter";
import { EnosTokenManager } from "./token";

const ORG = "o15000000000001";
const pump = (n: number): DeviceRef => ({ productKey: "demoPump", deviceKey: `pump-${String(n).padStart(3, "0")}` });

let emu: RunningEmulator;
let enos: EnosAdapter;
let legacy: PlatformAdapter;
let conn: ConnectionConfig;

async function control(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${emu.enosUrl}/_emulator/${path}`, { method: "POST", body: JSON.stringify(body) });
  expect(res.ok).toBe(true);
}

async function reboot(adapter: PlatformAdapter, c: ConnectionConfig, ref: DeviceRef) {
  const device = await adapter.getDevice(c, ref);
  const service = (await adapter.listServices(c, device)).find((s) => s.identifier === "reboot")!;
  return { device, service };
}

const handle = (commandId: string | undefined, requestedAt = new Date()): InvocationHandle => ({ serviceId: "reboot", commandId, requestedAt, timeoutMs: 30_000 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
  const tokens = new EnosTokenManager();
  enos = createEnosAdapter({ tokens });
  legacy = createEnosLegacyAdapter({ tokens });
  conn = { id: "c", name: "Emulated EnOS", platform: "enos", endpoint: emu.enosUrl, orgId: ORG, accessKey: "demo-enos-access-key", secretKey: "demo-enos-secret-key" };
});

afterAll(async () => {
  await emu?.stop();
});

beforeEach(async () => {
  await control("reset", {});
});

describe("EnOS products", () => {
  it("lists the org's products with their names, through both adapters", async () => {
    const products = await enos.listProducts(conn);
    // the seed also holds the security probe product (e2e/xss.spec.ts)
    expect(products.map((p) => p.productKey).sort()).toEqual(["demoPump", "demoRig", "xssProbe"]);
    expect(products.find((p) => p.productKey === "demoRig")?.name).toBe("Demo test rig");
    expect(await legacy.listProducts?.({ ...conn, platform: "enos-legacy" })).toEqual(products);
  });
});

describe("EnOS v2.1 cached commands through the adapter", () => {
  it("queues, polls, cancels and sees delivery when the device comes online", async () => {
    const { service } = await reboot(enos, conn, pump(2));
    const queued = await enos.invoke(conn, { device: pump(2), service, input: { delay: 1 }, timeoutMs: 10_000, pendingTtlS: 600 });
    expect(queued).toMatchObject({ status: "QUEUED", commandId: expect.stringMatching(/^\d+$/) });
    expect(await enos.poll(conn, pump(2), handle(queued.commandId))).toMatchObject({ status: "QUEUED", rawState: "1" });

    const doomed = await enos.invoke(conn, { device: pump(2), service, input: { delay: 2 }, timeoutMs: 10_000, pendingTtlS: 600 });
    expect(await enos.cancel(conn, pump(2), handle(doomed.commandId))).toMatchObject({ status: "CANCELED", rawState: "2" });
    expect(await enos.getCommand(conn, pump(2), doomed.commandId!)).toMatchObject({ status: "CANCELED", rawState: "2" });

    await control("devices/demoPump/pump-002", { online: true });
    await sleep(200);
    expect(await enos.poll(conn, pump(2), handle(queued.commandId))).toMatchObject({ status: "SUCCEEDED", rawState: "5", output: { result: "" } });
    const late = await enos.cancel(conn, pump(2), handle(queued.commandId));
    expect(late).toMatchObject({ status: "SUCCEEDED", message: expect.stringMatching(/^EnOS did not cancel/) });
    const page = await enos.searchCommands(conn, pump(2), { expression: "state = 2", pageNo: 1, pageSize: 10 });
    expect(page.items.map((c) => c.commandId)).toEqual([doomed.commandId]);
  });

  it("reports an expired command and finds an interrupted call's command by time", async () => {
    const { service } = await reboot(enos, conn, pump(2));
    const requestedAt = new Date();
    const queued = await enos.invoke(conn, { device: pump(2), service, input: { delay: 1 }, timeoutMs: 5_000, pendingTtlS: 1 });
    await sleep(1300);
    expect(await enos.poll(conn, pump(2), handle(queued.commandId))).toMatchObject({ status: "EXPIRED", rawState: "3" });
    expect(await enos.poll(conn, pump(2), handle(undefined, requestedAt))).toMatchObject({ commandId: queued.commandId, status: "EXPIRED" });
    expect(await enos.poll(conn, pump(2), handle("1"))).toBeNull();
  });

  it("maps a full queue to FAILED 11902", async () => {
    const { service } = await reboot(enos, conn, pump(2));
    const req = { device: pump(2), service, input: { delay: 1 }, timeoutMs: 10_000, pendingTtlS: 600 };
    for (let i = 0; i < 50; i++) await enos.invoke(conn, req);
    expect(await enos.invoke(conn, req)).toMatchObject({ status: "FAILED", platformCode: "11902", message: expect.stringContaining("queue of cached commands is full") });
  });
});

describe("EnOS older API through the legacy adapter", () => {
  const legacyConn = (endpoint = emu.enosUrl): ConnectionConfig => ({ ...conn, platform: "enos-legacy", endpoint });

  it("tests the connection, browses through v2.1 and invokes through /dataService", async () => {
    await legacy.testConnection(legacyConn());
    const page = await legacy.searchDevices(legacyConn(), { text: "pump-001", pageNo: 1, pageSize: 10 });
    expect(page.items.map((d) => d.deviceKey)).toEqual(["pump-001"]);
    const { service } = await reboot(legacy, legacyConn(), pump(1));
    const outcome = await legacy.invoke(legacyConn(), { device: pump(1), service, input: { delay: 3 }, timeoutMs: 5_000 });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", platformCode: "0", output: { result: "" }, messageId: expect.stringMatching(/^\d+$/) });
    expect(outcome.deviceRepliedAt!.getTime()).toBeGreaterThanOrEqual(outcome.sentAt!.getTime());
  });

  it("speaks the /enosapi flavour and maps a timeout in ms", async () => {
    await control("devices/demoPump/pump-001", { neverReply: ["reboot"] });
    const c = legacyConn(`${emu.enosUrl}/enosapi`);
    const { service } = await reboot(legacy, c, pump(1));
    const started = Date.now();
    const outcome = await legacy.invoke(c, { device: pump(1), service, input: { delay: 3 }, timeoutMs: 700 });
    expect(outcome).toMatchObject({ status: "TIMED_OUT", platformCode: "504" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });

  it("reports a wrong secret as an auth error (497)", async () => {
    const { service } = await reboot(legacy, legacyConn(), pump(1));
    await expect(legacy.invoke({ ...legacyConn(), secretKey: "wrong" }, { device: pump(1), service, input: { delay: 1 }, timeoutMs: 5_000 })).rejects.toMatchObject({
      kind: "auth",
      code: "497",
    });
  });
});
