// EnOS v2.1 cached commands and the command / product / model APIs, end to end over HTTP and MQTT
// against the emulator with its demo seed. Signing comes from testing/enos-client.ts, written
// from the contract, not from the emulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "./index";
import { control as controlAt, EnosV21, ORG, type Reply } from "./testing/enos-client";

let emu: RunningEmulator;
let api: EnosV21;

const COMMANDS = "/connect-service/v2.1/commands";
const device = (deviceKey: string) => ({ orgId: ORG, productKey: "demoPump", deviceKey });
const control = (method: string, path: string, body?: unknown) => controlAt(emu.enosUrl, method, path, body);

function invoke(deviceKey: string, serviceId: string, inputData: unknown, extra: Record<string, string> = {}): Promise<Reply> {
  return api.call("POST", COMMANDS, { action: "invokeService", ...device(deviceKey), serviceId, ...extra }, { inputData });
}
const getCommand = (deviceKey: string, commandId: string) => api.call("GET", COMMANDS, { action: "get", ...device(deviceKey), commandId });
const stateOf = async (deviceKey: string, commandId: string) => (await getCommand(deviceKey, commandId)).body.data?.state as number;
const search = (deviceKey: string, body: unknown) => api.call("POST", COMMANDS, { action: "search", ...device(deviceKey) }, body);
const cancel = (deviceKey: string, commandId?: string) =>
  api.call("POST", COMMANDS, { action: "cancel", ...device(deviceKey), ...(commandId ? { commandId } : {}) });

async function queue(deviceKey: string, n: number, pendingTtl = "600"): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await invoke(deviceKey, "reboot", { delay: i }, { pendingTtl });
    expect(res.body).toMatchObject({ code: 0, data: { commandId: expect.stringMatching(/^\d{19}$/) } });
    ids.push(res.body.data.commandId as string);
  }
  return ids;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
});

afterAll(async () => {
  await emu?.stop();
});

beforeEach(async () => {
  expect((await control("POST", "/reset")).status).toBe(200);
  api = new EnosV21(emu.enosUrl);
  await api.login();
});

describe("cached commands", () => {
  it("answers with the commandId at once and expires the command when its TTL runs out", async () => {
    const started = Date.now();
    const res = await invoke("pump-002", "reboot", { delay: 1 }, { pendingTtl: "1", timeout: "5" });
    expect(Date.now() - started).toBeLessThan(500);
    expect(res.body).toMatchObject({ code: 0, msg: "Success", data: { commandId: expect.any(String) } });
    expect(res.body.data.outputData).toBeUndefined();
    const id = res.body.data.commandId as string;
    const created = (await getCommand("pump-002", id)).body.data;
    expect(created).toMatchObject({
      commandId: id,
      orgId: ORG,
      productKey: "demoPump",
      deviceKey: "pump-002",
      assetId: "AsPump002",
      commandType: 2,
      commandName: { defaultValue: "Reboot" },
      tslIdentifier: "reboot",
      timeout: 5,
      pendingTtl: 1,
      state: 1,
      inputData: { delay: 1 },
      outputData: null,
      createLocaltime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    });
    await sleep(1300);
    expect(await stateOf("pump-002", id)).toBe(3);
    // an expired command is no longer queued: the device coming online does not get it
    await control("POST", "/devices/demoPump/pump-002", { online: true });
    await sleep(100);
    expect(await stateOf("pump-002", id)).toBe(3);
  });

  it("refuses a 51st queued command with 11902", async () => {
    await queue("pump-002", 50);
    const full = await invoke("pump-002", "reboot", { delay: 1 }, { pendingTtl: "600" });
    expect(full.body).toMatchObject({ code: 11902, data: null });
    // instant commands to an offline device are refused as offline, not as a full queue
    expect((await invoke("pump-002", "reboot", { delay: 1 })).body).toMatchObject({ code: 11900 });
    const cancelled = await cancel("pump-002");
    expect(cancelled.body.data).toHaveLength(50);
    expect((await invoke("pump-002", "reboot", { delay: 1 }, { pendingTtl: "600" })).body).toMatchObject({ code: 0 });
  });

  it("delivers queued commands in FIFO order, one at a time, when the device comes online", async () => {
    await control("POST", "/devices/demoPump/pump-002", { latencyMs: 250 });
    const ids = await queue("pump-002", 3);
    expect(await Promise.all(ids.map((id) => stateOf("pump-002", id)))).toEqual([1, 1, 1]);
    await control("POST", "/devices/demoPump/pump-002", { online: true });
    // an instant command now joins the back of the queue and waits for the three before it
    const started = Date.now();
    const instant = invoke("pump-002", "getStatus", {}, { timeout: "10" });
    const seen: number[][] = [];
    for (let i = 0; i < 40; i++) {
      const states = await Promise.all(ids.map((id) => stateOf("pump-002", id)));
      seen.push(states);
      if (states.every((s) => s === 5)) break;
      await sleep(40);
    }
    for (const states of seen) {
      expect(states.filter((s) => s === 4).length).toBeLessThanOrEqual(1);
      // FIFO: a later command never gets ahead of an earlier one
      for (let i = 1; i < states.length; i++) expect(states[i]! === 1 || states[i - 1] === 5).toBe(true);
    }
    expect(seen.at(-1)).toEqual([5, 5, 5]);
    expect((await instant).body).toMatchObject({ code: 0, data: { outputData: { state: "" } } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("releases a cached command at once to an online device; the instant path is unchanged", async () => {
    const res = await invoke("pump-001", "setMode", { mode: 2 }, { pendingTtl: "60" });
    const id = res.body.data.commandId as string;
    await sleep(200);
    expect((await getCommand("pump-001", id)).body.data).toMatchObject({ state: 5, outputData: { mode: 2 } });
  });

  it("records a device error as state 6 and a missing reply as state 7", async () => {
    await control("POST", "/devices/demoPump/pump-001", { fail: { reboot: { code: 2001, message: "jammed" } }, neverReply: ["setMode"] });
    const failed = (await invoke("pump-001", "reboot", { delay: 1 }, { pendingTtl: "60" })).body.data.commandId as string;
    const silent = (await invoke("pump-001", "setMode", { mode: 1 }, { pendingTtl: "60", timeout: "1" })).body.data.commandId as string;
    await sleep(1300);
    expect(await stateOf("pump-001", failed)).toBe(6);
    expect(await stateOf("pump-001", silent)).toBe(7);
  });
});

describe("get / search / cancel", () => {
  it("cancels one waiting command (echoing its pre-cancel state 1); it is state 2 afterwards", async () => {
    const [first, second] = await queue("pump-002", 2);
    const res = await cancel("pump-002", first);
    expect(res.body).toMatchObject({ code: 0, data: [{ commandId: first, state: 1 }] });
    expect(await stateOf("pump-002", first!)).toBe(2);
    expect(await stateOf("pump-002", second!)).toBe(1);
    // nothing left to cancel for this id; an unknown id is 99404
    expect((await cancel("pump-002", first)).body).toMatchObject({ code: 0, data: [] });
    expect((await cancel("pump-002", "1")).body).toMatchObject({ code: 99404 });
  });

  it("searches by state, name and time, newest first, with pagination and projection", async () => {
    const ids = await queue("pump-002", 3);
    await cancel("pump-002", ids[1]);
    const byState = await search("pump-002", { expression: "state = 2" });
    expect(byState.body.data.map((c: { commandId: string }) => c.commandId)).toEqual([ids[1]]);
    const all = await search("pump-002", { expression: "commandName.en_US like 'reboot' AND state in (1, 2)", pagination: { pageNo: 1, pageSize: 2 } });
    expect(all.body.data.map((c: { commandId: string }) => c.commandId)).toEqual([ids[2], ids[1]]);
    expect(all.body.pagination).toEqual({ pageNo: 1, pageSize: 2, totalSize: 3, sortedBy: null });
    const created = (await getCommand("pump-002", ids[0]!)).body.data.createLocaltime as string;
    const since = await search("pump-002", { expression: `createTime >= '${created}' and state = 1`, projection: ["commandId", "commandName.zh_CN"] });
    expect(since.body.data).toEqual([{ commandId: ids[2] }, { commandId: ids[0] }]);
    expect((await search("pump-002", { expression: "createTime > '2999-01-01 00:00:00'" })).body.data).toEqual([]);
  });

  it("answers the public codes", async () => {
    expect((await search("pump-002", { expression: "commandName like 'x'" })).body).toMatchObject({ code: 99400 });
    expect((await search("pump-002", { expression: "createTime > 'yesterday'" })).body.msg).toMatch(/^Invalid Argument expression/);
    expect((await api.call("GET", COMMANDS, { action: "get", ...device("pump-002") })).body).toMatchObject({ code: 99400, msg: "Invalid Argument commandId: commandId is missing" });
    expect((await api.call("GET", COMMANDS, { action: "get", ...device("pump-002"), orgId: "o2", commandId: "1" })).body).toMatchObject({ code: 99403 });
    expect((await getCommand("pump-002", "1")).body).toMatchObject({ code: 99404, data: null });
    expect((await getCommand("pump-999", "1")).body).toMatchObject({ code: 99404, msg: "Device not found" });
    const other = (await invoke("pump-004", "getStatus", {})).body.data.commandId as string;
    expect((await getCommand("pump-002", other)).body).toMatchObject({ code: 99404 });
  });
});

describe("products and thing models", () => {
  it("gets and searches products; 11611 for an unknown productKey", async () => {
    const got = await api.call("GET", "/connect-service/v2.1/products", { action: "get", orgId: ORG, productKey: "demoPump" });
    expect(got.body).toMatchObject({ code: 0, data: { productKey: "demoPump", modelId: "demo_pump", productType: "Device", dataFormat: "Json", productName: { defaultValue: "Demo pump" } } });
    expect(got.body.data.thingModel).toBeUndefined();
    const missing = await api.call("GET", "/connect-service/v2.1/products", { action: "get", orgId: ORG, productKey: "nope" });
    expect(missing.body).toMatchObject({ code: 11611, data: null });
    const found = await api.call("POST", "/connect-service/v2.1/products", { action: "search", orgId: ORG }, { expression: "productName.zh_CN like '水泵' and modelId in (demo_pump)" });
    expect(found.body.data.map((p: { productKey: string }) => p.productKey)).toEqual(["demoPump"]);
    expect(found.body.pagination).toMatchObject({ pageNo: 1, pageSize: 10, totalSize: 1 });
    const none = await api.call("POST", "/connect-service/v2.1/products", { action: "search", orgId: ORG }, { expression: "exists(productTags.site)" });
    expect(none.body.data).toEqual([]);
  });

  it("searches thing models by modelId and tags, with projection", async () => {
    const path = "/model-service/v2.1/thing-models";
    const res = await api.call("POST", path, { action: "search", orgId: ORG, scope: "0" }, { expression: "modelId in ('demo_pump', 'other')", projection: ["modelId", "services.*.callType"] });
    expect(res.body.data).toEqual([{ modelId: "demo_pump", services: { reboot: { callType: "SYNC" }, setMode: { callType: "SYNC" }, getStatus: { callType: "SYNC" } } }]);
    const untagged = await api.call("POST", path, { action: "search", orgId: ORG }, { expression: "not exists(tags.x)", projection: ["modelId"] });
    expect(untagged.body.data).toContainEqual({ modelId: "demo_pump" });
    expect(untagged.body.pagination.totalSize).toBe(untagged.body.data.length);
    expect((await api.call("POST", path, { action: "search", orgId: ORG }, { expression: "exists(tags.x)" })).body.data).toEqual([]);
    expect((await api.call("POST", path, { action: "search", orgId: ORG, scope: "2" }, {})).body).toMatchObject({ code: 99400 });
  });
});
