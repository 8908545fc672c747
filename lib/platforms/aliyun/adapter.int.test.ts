// The Alibaba adapter (official SDK) against the emulator over real HTTP and MQTT.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../../emulator/index";
import type { ServiceSpec } from "../../thing-model/types";
import type { ConnectionConfig, DeviceSummary } from "../types";
import { createAliyunAdapter, type AliyunAdapter } from "./adapter";

let emu: RunningEmulator;
let conn: ConnectionConfig;
let lamp: DeviceSummary;
let services: ServiceSpec[];
const adapter: AliyunAdapter = createAliyunAdapter();

async function control(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.aliyunUrl}/_emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  return (await res.json()) as Record<string, unknown>;
}

async function loggedArgs(): Promise<string[]> {
  const log = (await control("requests")) as { requests: { query: Record<string, string>; headers: Record<string, string> }[] };
  return log.requests.filter((r) => r.headers["x-acs-action"] === "InvokeThingService" || r.query.Action === "InvokeThingService").map((r) => r.query.Args ?? "");
}

const service = (id: string): ServiceSpec => {
  const s = services.find((x) => x.identifier === id);
  if (!s) throw new Error(`no service ${id}`);
  return s;
};
const invoke = (id: string, input: Record<string, unknown>, a: AliyunAdapter = adapter) =>
  a.invoke(conn, { device: lamp, service: service(id), input, timeoutMs: 8_000 });

const calibrateInput = { offset: 10, factor: 2, zone: { x: 1, y: 2 }, points: [1, 2.5], label: "hall", when: 1_700_000_000_000, enabled: true };

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
  conn = {
    id: "it-ali",
    name: "IT Alibaba",
    platform: "aliyun",
    endpoint: emu.aliyunUrl,
    regionId: "cn-shanghai",
    instanceId: null,
    accessKey: "demo-ali-access-key-id",
    secretKey: "demo-ali-access-key-secret",
  };
  lamp = await adapter.getDevice(conn, { productKey: "a1DemoLamp", deviceKey: "lamp-001" });
  services = await adapter.listServices(conn, lamp);
});

afterAll(async () => {
  await emu?.stop();
});

beforeEach(async () => {
  await control("reset", {});
});

describe("Alibaba adapter against the emulator", () => {
  it("discovers the device and the services of every module", async () => {
    await adapter.testConnection(conn);
    expect(lamp).toMatchObject({ deviceKey: "lamp-001", iotId: "lampIotId0000000001", status: "online", productName: "Demo lamp" });
    expect(services.map((s) => `${s.identifier}/${s.callType}`)).toEqual([
      "set/async",
      "get/async",
      "setBrightness/sync",
      "blink/async",
      "lampFb:calibrate/sync",
      "lampFb:applyProfile/async",
    ]);
    const page = await adapter.searchDevices(conn, { text: "lamp", pageNo: 1, pageSize: 10 });
    expect(page.items.map((d) => d.deviceKey).sort()).toEqual(["lamp-001", "lamp-002", "lamp-003", "lamp-004", "lamp-005"]);
    expect(await adapter.listProducts(conn)).toEqual([{ productKey: "a1DemoLamp", name: "Demo lamp" }]);
  });

  it("invokes a sync service; a float typed 10 goes out as 10.0 and comes back as output", async () => {
    const outcome = await invoke("lampFb:calibrate", calibrateInput);
    expect(outcome).toMatchObject({ status: "SUCCEEDED", platformCode: "200", output: { offset: 10, factor: 2, zone: { x: 1, y: 2 }, applied: 0 } });
    expect(outcome.messageId).toMatch(/^\d{19}$/);
    const [args] = await loggedArgs();
    expect(args).toBe('{"offset":10.0,"factor":2.0,"zone":{"x":1.0,"y":2},"points":[1.0,2.5],"label":"hall","when":"1700000000000","enabled":1}');
  });

  it("signs with V1 (HMAC-SHA1) as well", async () => {
    const v1 = createAliyunAdapter({ signatureAlgorithm: "v2" });
    expect(await invoke("setBrightness", { brightness: 40, gamma: 2, color: 1 }, v1)).toMatchObject({
      status: "SUCCEEDED",
      output: { brightness: 40, gamma: 2, color: 1 },
    });
    const log = (await control("requests")) as { requests: { query: Record<string, string> }[] };
    expect(log.requests.at(-1)?.query).toMatchObject({ SignatureMethod: "HMAC-SHA1", Format: "json", Args: '{"brightness":40,"gamma":2.0,"color":1}' });
  });

  it("sends an async service (SENT + MessageId) and finds the device's reply with queryServiceReply", async () => {
    const since = new Date();
    const sent = await invoke("blink", { times: 3 });
    expect(sent).toMatchObject({ status: "SENT" });
    expect(sent.messageId).toMatch(/^\d+$/);
    let reply = await adapter.queryServiceReply(conn, lamp, { identifier: "blink", messageId: sent.messageId, since });
    for (let i = 0; !reply && i < 20; i++) {
      await new Promise((r) => setTimeout(r, 50));
      reply = await adapter.queryServiceReply(conn, lamp, { identifier: "blink", messageId: sent.messageId, since });
    }
    expect(reply).toMatchObject({ status: "SUCCEEDED", output: { done: 0 }, messageId: sent.messageId });
    const polled = await adapter.poll?.(conn, lamp, { serviceId: "blink", messageId: sent.messageId, requestedAt: since, timeoutMs: 8_000 });
    expect(polled?.status).toBe("SUCCEEDED");
  });

  it("calls a batch of devices with InvokeThingsService", async () => {
    expect(await adapter.invokeBatch(conn, "a1DemoLamp", ["lamp-001"], service("lampFb:applyProfile"), { profile: 2, fade: 5 })).toMatchObject({ status: "SENT" });
  });

  it("maps device errors, offline devices and the device's own error codes", async () => {
    await control("devices/a1DemoLamp/lamp-001", { fail: { setBrightness: { code: 460, message: "gamma too steep" } } });
    expect(await invoke("setBrightness", { brightness: 1, gamma: 1, color: 0 })).toMatchObject({
      status: "FAILED",
      platformCode: "460",
      platformMessage: "gamma too steep",
    });
    await control("devices/a1DemoLamp/lamp-001", { online: false });
    const offline = await invoke("setBrightness", { brightness: 1, gamma: 1, color: 0 });
    expect(offline).toMatchObject({ status: "FAILED", platformCode: "iot.messagebroker.OFFLINE" });
    expect(offline.message).toContain("device is offline");
  });

  it("reports a wrong secret as an auth error naming the connection", async () => {
    await expect(adapter.getDevice({ ...conn, secretKey: "wrong" }, lamp)).rejects.toMatchObject({
      kind: "auth",
      code: "SignatureDoesNotMatch",
      message: expect.stringContaining("connection “IT Alibaba”"),
    });
  });

  it("throttles 600 calls from one AccessKey in one rate window (500 allowed): the excess is rate limited by the platform", async () => {
    // warm sockets and code paths first, so the burst below really lands within one second
    await Promise.all(Array.from({ length: 200 }, () => invoke("blink", { times: 1 })));
    await control("reset", {});
    // the limit stays 500 calls; its window is widened so a loaded machine still lands all 600 in one
    await control("aliyun/rate-limit", { windowMs: 20_000 });
    const outcomes = await Promise.all(Array.from({ length: 600 }, () => invoke("blink", { times: 1 })));
    const log = (await control("requests")) as { requests: { at: string }[] };
    const arrivals = log.requests.map((r) => Date.parse(r.at));
    const span = Math.max(...arrivals) - Math.min(...arrivals);
    const throttled = outcomes.filter((o) => o.platformCode === "Throttling.User");
    const sent = outcomes.filter((o) => o.status === "SENT");
    const seen = `${sent.length} sent, ${throttled.length} throttled, arrivals over ${span} ms, others: ${JSON.stringify(outcomes.find((o) => o.status !== "SENT" && o.platformCode !== "Throttling.User"))}`;
    expect(sent.length + throttled.length, seen).toBe(600);
    expect(sent.length, seen).toBe(500);
    expect(throttled.length, seen).toBeGreaterThan(0);
    expect(throttled[0]).toMatchObject({ status: "FAILED", message: expect.stringContaining("rate limited by the platform") });
    // every call arrived within one window: exactly the 100 beyond the 500 were refused
    expect(span, seen).toBeLessThan(20_000);
    expect(throttled, seen).toHaveLength(100);
  });

  it("reports a device that never answers as TIMED_OUT after the platform's 8 s, not the SDK's 3 s", async () => {
    await control("devices/a1DemoLamp/lamp-001", { neverReply: ["setBrightness"] });
    const started = Date.now();
    const outcome = await invoke("setBrightness", { brightness: 1, gamma: 1, color: 0 });
    const elapsed = Date.now() - started;
    expect(outcome).toMatchObject({ status: "TIMED_OUT", platformCode: "iot.messagebroker.TIMEOUT" });
    expect(elapsed).toBeGreaterThanOrEqual(7_900);
    expect(elapsed).toBeLessThan(12_000);
  }, 20_000);
});
