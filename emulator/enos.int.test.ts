// End to end over real HTTP and MQTT: the emulator on free ports with its embedded broker and
// demo seed. The signing helper below is written here on purpose (not imported from lib/ or from
// the emulator) so the test checks the emulator against the published rules.
import { createHash } from "node:crypto";
import { connectAsync } from "mqtt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "./index";

const APP_KEY = "demo-enos-access-key";
const APP_SECRET = "demo-enos-secret-key";
const ORG = "o15000000000001";

let emu: RunningEmulator;

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

interface Reply {
  status: number;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function http(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(emu.enosUrl + path, {
    method,
    headers: body === undefined ? headers : { "content-type": "application/json;charset=UTF-8", ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Reply["body"] };
}

let tsBump = 0;
/** A fresh ms timestamp per call: the platform refuses a repeated encryption. */
const timestamp = () => String(Date.now() + tsBump++);

async function getToken(): Promise<string> {
  const ts = timestamp();
  const res = await http("POST", "/apim-token-service/v2.0/token/get", JSON.stringify({ appKey: APP_KEY, timestamp: Number(ts), encryption: sha256(APP_KEY + ts + APP_SECRET) }));
  expect(res.body).toMatchObject({ status: 0, msg: "SUCCESS", data: { expire: 7200 } });
  return res.body.data.accessToken as string;
}

/** A signed v2.1 call: params sorted by name, name+value, then the raw body. */
async function call(token: string, method: string, path: string, params: Record<string, string>, body?: unknown, sigOverride?: string): Promise<Reply> {
  const raw = body === undefined ? "" : JSON.stringify(body);
  const ts = timestamp();
  const paramsData = Object.keys(params).sort().map((k) => k + params[k]).join("") + raw;
  const headers = {
    "apim-accesstoken": token,
    "apim-timestamp": ts,
    "apim-signature": sigOverride ?? sha256(token + paramsData + ts + APP_SECRET),
  };
  return http(method, `${path}?${new URLSearchParams(params)}`, body === undefined ? undefined : raw, headers);
}

const invoke = (token: string, deviceKey: string, serviceId: string, inputData: unknown, extra: Record<string, string> = {}) =>
  call(token, "POST", "/connect-service/v2.1/commands", { action: "invokeService", orgId: ORG, productKey: "demoPump", deviceKey, serviceId, ...extra }, { inputData });

const control = (method: string, path: string, body?: unknown) =>
  http(method, `/_emulator${path}`, body === undefined ? undefined : JSON.stringify(body));

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
});

afterAll(async () => {
  await emu?.stop();
});

beforeEach(async () => {
  expect((await control("POST", "/reset")).status).toBe(200);
});

describe("EnOS invokeService end to end", () => {
  it("gets a token and invokes reboot on pump-001 over MQTT", async () => {
    const token = await getToken();
    const started = Date.now();
    const res = await invoke(token, "pump-001", "reboot", { delay: 5 }, { timeout: "10" });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 0, msg: "Success", data: { outputData: { result: "" } } });
    expect(res.body.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(res.body.data.commandId).toMatch(/^\d{19}$/);
    expect(elapsed).toBeLessThan(1000);
  });

  it("echoes inputs into same-named outputs and fills the rest with defaults", async () => {
    const token = await getToken();
    const res = await invoke(token, "pump-004", "setMode", { mode: 2, enabled: true, speed: 1450.5, label: "night" });
    expect(res.body).toMatchObject({ code: 0, data: { outputData: { mode: 2, enabled: true, speed: 1450.5, applied: false } } });
  });

  it("answers 11900 for an offline device and 11888 for an inactive one", async () => {
    const token = await getToken();
    expect((await invoke(token, "pump-002", "reboot", { delay: 1 })).body).toMatchObject({ code: 11900, data: null });
    expect((await invoke(token, "pump-003", "reboot", { delay: 1 })).body).toMatchObject({ code: 11888, data: null });
  });

  it("answers 11915 when the device never replies within the timeout", async () => {
    await control("POST", "/devices/demoPump/pump-001", { neverReply: ["reboot"] });
    const token = await getToken();
    const started = Date.now();
    const res = await invoke(token, "pump-001", "reboot", { delay: 1 }, { timeout: "1" });
    expect(res.body).toMatchObject({ code: 11915, data: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("passes a device error through with the command id", async () => {
    await control("POST", "/devices/demoPump/pump-001", { fail: { reboot: { code: 2001, message: "motor jammed" } } });
    const token = await getToken();
    const res = await invoke(token, "pump-001", "reboot", { delay: 1 });
    expect(res.body).toMatchObject({ code: 2001, msg: "motor jammed", data: { outputData: null } });
    expect(res.body.data.commandId).toMatch(/^\d+$/);
  });

  it("follows the online flag: a device brought online answers at once", async () => {
    const state = await control("POST", "/devices/demoPump/pump-002", { online: true, latencyMs: 50 });
    expect(state.body).toMatchObject({ online: true, connected: true, latencyMs: 50 });
    const token = await getToken();
    expect((await invoke(token, "pump-002", "getStatus", {})).body).toMatchObject({
      code: 0,
      data: { outputData: { temperature: 0, uptime: 0, state: "" } },
    });
    await control("POST", "/devices/demoPump/pump-002", { online: false });
    expect((await invoke(token, "pump-002", "getStatus", {})).body).toMatchObject({ code: 11900 });
  });

  it("checks arguments, permission, device, service and input in that order", async () => {
    const token = await getToken();
    const msg = async (p: Promise<Reply>) => {
      const r = await p;
      return [r.body.code, r.body.msg];
    };
    expect(await msg(invoke(token, "pump-001", "reboot", {}, { timeout: "61", orgId: "other" }))).toEqual([99400, "Invalid Argument timeout: must be an integer 1..60"]);
    expect(await msg(invoke(token, "pump-001", "reboot", {}, { pendingTtl: "172801" }))).toEqual([
      99400,
      "Invalid Argument pendingTtl: must be an integer 0..172800",
    ]);
    expect(await msg(invoke(token, "pump-001", "reboot", {}, { orgId: "o2" }))).toEqual([99403, "Denied resource: orgId o2"]);
    expect((await msg(invoke(token, "pump-999", "reboot", {})))[0]).toBe(99404);
    expect((await msg(invoke(token, "pump-001", "explode", {})))[1]).toMatch(/^Invalid Argument serviceId/);
    expect(await msg(invoke(token, "pump-001", "reboot", { delay: 1, extra: 1 }))).toEqual([99400, "Invalid Argument inputData.extra: unknown parameter"]);
    expect((await msg(invoke(token, "pump-001", "reboot", { delay: 1.5 })))[1]).toMatch(/^Invalid Argument inputData\.delay: /);
    expect((await msg(invoke(token, "pump-003", "setMode", { mode: 7 })))[1]).toMatch(/^Invalid Argument inputData\.mode: /);
    const noAction = await call(token, "POST", "/connect-service/v2.1/commands", { action: "explode", orgId: ORG }, {});
    expect(noAction.body).toMatchObject({ code: 99400, msg: "Invalid Argument action" });
  });
});

describe("EnOS gateway", () => {
  it("answers a bad signature with 401 / 1003", async () => {
    const token = await getToken();
    const params = { action: "get", orgId: ORG, assetId: "AsPump001" };
    const res = await call(token, "GET", "/connect-service/v2.1/devices", params, undefined, "0".repeat(64));
    expect(res).toEqual({ status: 401, body: { status: 1003, code: 1003, msg: expect.any(String) } });
  });

  it("expires tokens on request (1203) and refresh gives a new token", async () => {
    const token = await getToken();
    await control("POST", "/enos/tokens/expire");
    const expired = await call(token, "GET", "/connect-service/v2.1/devices", { action: "get", orgId: ORG, assetId: "AsPump001" });
    expect(expired).toMatchObject({ status: 401, body: { code: 1203 } });
    const ts = timestamp();
    const refreshed = await http("POST", "/apim-token-service/v2.0/token/refresh", JSON.stringify({ appKey: APP_KEY, timestamp: ts, encryption: sha256(APP_KEY + ts + APP_SECRET), accessToken: token }));
    const fresh = refreshed.body.data.accessToken as string;
    expect(fresh).not.toBe(token);
    const ok = await call(fresh, "GET", "/connect-service/v2.1/devices", { action: "get", orgId: ORG, assetId: "AsPump001" });
    expect(ok.body).toMatchObject({ code: 0, data: { deviceKey: "pump-001", status: "online", timezone: "+08:00" } });
    expect((await control("GET", "/enos/stats")).body).toEqual({ tokenGets: 1, tokenRefreshes: 1 });
  });
});

describe("EnOS discovery", () => {
  it("gets the thing model and searches devices", async () => {
    const token = await getToken();
    const model = await call(token, "GET", "/model-service/v2.1/thing-models", { action: "get", orgId: ORG, modelId: "demo_pump" });
    expect(Object.keys(model.body.data.services)).toEqual(["reboot", "setMode", "getStatus"]);
    const search = await call(token, "POST", "/connect-service/v2.1/devices", { action: "search", orgId: ORG }, {
      expression: "deviceName like '水泵 00' and status in (offline, inactive)",
      pagination: { pageNo: 1, pageSize: 5 },
    });
    expect(search.body.data.map((d: { deviceKey: string; status: string }) => [d.deviceKey, d.status])).toEqual([
      ["pump-003", "inactive"],
      ["pump-002", "offline"],
    ]);
    expect(search.body.pagination).toEqual({ pageNo: 1, pageSize: 5, totalSize: 2, sortedBy: null });
    const bad = await call(token, "POST", "/connect-service/v2.1/devices", { action: "search", orgId: ORG }, { expression: "color = red" });
    expect(bad.body).toMatchObject({ code: 99400 });
  });
});

describe("control API and broker", () => {
  it("logs every platform request with its raw body and headers", async () => {
    const since = Math.max(0, ...((await control("GET", "/requests")).body.requests as { seq: number }[]).map((r) => r.seq));
    const token = await getToken();
    await invoke(token, "pump-001", "reboot", { delay: 3 }, { timeout: "5" });
    const log = (await control("GET", `/requests?since=${since}`)).body.requests as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(log.map((r) => r.path)).toEqual(["/apim-token-service/v2.0/token/get", "/connect-service/v2.1/commands"]);
    expect(log[1]).toMatchObject({
      platform: "enos",
      method: "POST",
      query: { action: "invokeService", deviceKey: "pump-001", serviceId: "reboot", timeout: "5" },
      body: '{"inputData":{"delay":3}}',
      headers: { "apim-accesstoken": token },
    });
    await control("DELETE", "/requests");
    expect((await control("GET", "/requests")).body.requests).toEqual([]);
  });

  it("refuses a device login with a bad password", async () => {
    const clientId = `pump-001|securemode=2,signmethod=sha256,timestamp=${Date.now()}|`;
    await expect(
      connectAsync(emu.mqttUrl, { clientId, username: "pump-001&demoPump", password: "WRONG", reconnectPeriod: 0, protocolVersion: 4 }, false),
    ).rejects.toThrow(/Bad username or password|Connection refused/);
  });

  it("answers unknown Alibaba actions with InvalidAction.NotFound", async () => {
    const res = await fetch(`${emu.aliyunUrl}/?Action=NoSuchAction`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ Code: "InvalidAction.NotFound" });
    expect((await (await fetch(`${emu.aliyunUrl}/_emulator/health`)).json())).toEqual({ ok: true, platform: "aliyun" });
  });
});
