// The older EnOS API (Data Service / connectService) of the emulator, end to end over HTTP and
// MQTT. The seed adds the contract's vector app (ak-demo / sk-demo) and an ASYNC service.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SEED_PATH, startEmulator, type RunningEmulator, type SeedInput } from "./index";
import { control as controlAt, legacyPut, legacySign, legacyStringToSign, ORG, type Reply } from "./testing/enos-client";

const VECTOR = { accessKey: "ak-demo", secretKey: "sk-demo" };
const BY_KEYS = (dk: string, serviceId = "reboot") => `/dataService/products/demoPump/devices/${dk}/services/${serviceId}/invoke`;

let emu: RunningEmulator;
let callbacks: { server: Server; url: string; received: unknown[] };

function seedWithVectorApp(): SeedInput {
  const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, "utf8")) as SeedInput & {
    enos: { apps: unknown[]; products: { thingModel: { services: Record<string, Record<string, unknown>> } }[] };
  };
  seed.enos.apps.push({ ...VECTOR, orgId: ORG });
  const services = seed.enos.products[0]!.thingModel.services;
  services.rebootLater = { ...services.reboot, identifier: "rebootLater", callType: "ASYNC" };
  return seed;
}

const control = (method: string, path: string, body?: unknown) => controlAt(emu.enosUrl, method, path, body);
const put = (path: string, params: Record<string, string>, body: string, tamper?: (q: Record<string, string>) => void): Promise<Reply> =>
  legacyPut(emu.enosUrl, path, VECTOR, params, body, tamper);
const base = (requestId: string, extra: Record<string, string> = {}) => ({ orgId: ORG, requestId, ...extra });

beforeAll(async () => {
  emu = await startEmulator({ seed: seedWithVectorApp(), enosPort: 0, aliyunPort: 0, mqttPort: 0 });
  const received: unknown[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push(JSON.parse(body));
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  callbacks = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`, received };
});

afterAll(async () => {
  await emu?.stop();
  await new Promise((resolve) => callbacks?.server.close(resolve));
});

beforeEach(async () => {
  expect((await control("POST", "/reset")).status).toBe(200);
  callbacks.received.length = 0;
});

describe("signature", () => {
  it("reproduces the contract's vector with the test's own signing", () => {
    const params = { orgId: ORG, requestId: "req-0001", timeout: "30000", requestTimestamp: "1700000000000" };
    const body = '{"args":{"delay":5}}';
    expect(legacyStringToSign(VECTOR.accessKey, params, body, VECTOR.secretKey)).toBe(
      'ak-demoorgIdo15000000000001requestIdreq-0001requestTimestamp1700000000000timeout30000{"args":{"delay":5}}sk-demo',
    );
    expect(legacySign(VECTOR.accessKey, params, body, VECTOR.secretKey)).toBe("930F3413911E7EBD2D82839891D2CBF33FE6B92C");
  });

  it("accepts an invoke signed per the vector and answers a SYNC ServiceInvokeInfo", async () => {
    const started = Date.now();
    const res = await put(BY_KEYS("pump-001"), base("req-0001", { timeout: "30000" }), '{"args":{"delay":5}}');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 0,
      msg: "Success",
      data: {
        requestId: "req-0001",
        messageId: expect.stringMatching(/^\d+$/),
        requestMethod: "thing.service.reboot",
        callType: "SYNC",
        controlChannelId: null,
        productKey: "demoPump",
        deviceKey: "pump-001",
        assetId: "AsPump001",
        serviceId: "reboot",
        serviceName: "Reboot",
        inputData: { delay: 5 },
        outputData: { result: "" },
        status: 0,
        timeout: 30000,
      },
    });
    const d = res.body.data;
    expect(d.gmtServiceRequest).toBeGreaterThanOrEqual(started);
    expect(d.gmtDeviceReply).toBeGreaterThanOrEqual(d.gmtServiceRequest);
    expect(d.gmtServiceReply).toBeGreaterThanOrEqual(d.gmtDeviceReply);
  });

  it("answers 497 for a tampered, stale or lower-case signature and 401 for an unknown key", async () => {
    const body = '{"args":{"delay":5}}';
    const tampered = await put(BY_KEYS("pump-001"), base("r1", { timeout: "30000" }), body, (q) => (q.timeout = "30001"));
    expect(tampered.body).toMatchObject({ status: 497, msg: "Timestamp or signature check failed" });
    const lower = await put(BY_KEYS("pump-001"), base("r2"), body, (q) => (q.sign = q.sign!.toLowerCase()));
    expect(lower.body.status).toBe(497);
    const stale = await put(BY_KEYS("pump-001"), base("r3"), body, (q) => {
      q.requestTimestamp = "1700000000000";
      q.sign = legacySign(VECTOR.accessKey, { orgId: ORG, requestId: "r3", requestTimestamp: "1700000000000" }, body, VECTOR.secretKey);
    });
    expect(stale.body).toMatchObject({ status: 497, submsg: expect.stringMatching(/5 minutes/) });
    const unknown = await put(BY_KEYS("pump-001"), base("r4"), body, (q) => (q.accessKey = "nobody"));
    expect(unknown.body).toMatchObject({ status: 401 });
  });
});

describe("invoke", () => {
  it("takes the bare args map too, under /enosapi/connectService and by asset id", async () => {
    const res = await put("/enosapi/connectService/devices/AsPump004/services/setMode/invoke", base("r-map"), '{"mode":2,"speed":1.5}');
    expect(res.body).toMatchObject({ status: 0, data: { deviceKey: "pump-004", inputData: { mode: 2, speed: 1.5 }, outputData: { mode: 2, speed: 1.5 } } });
  });

  it("checks arguments with {status, msg, submsg}", async () => {
    const cases: [string, Record<string, string>, string, number, string][] = [
      [BY_KEYS("pump-001"), { orgId: ORG }, "{}", 400, "Invalid Argument requestId"],
      [BY_KEYS("pump-001"), { requestId: "r" }, "{}", 400, "Invalid Argument orgId"],
      [BY_KEYS("pump-001"), base("r", { timeout: "300001" }), "{}", 415, "Parameter Out Of Range"],
      [BY_KEYS("pump-001"), base("r", { timeout: "0" }), "{}", 415, "Parameter Out Of Range"],
      [BY_KEYS("pump-001"), base("r", { timeout: "1.5" }), "{}", 400, "Invalid Argument timeout"],
      [BY_KEYS("pump-001"), base("r", { callbackUrl: "ftp://x" }), "{}", 400, "Invalid Argument callbackUrl"],
      [BY_KEYS("pump-001"), base("r"), '{"args":1}', 400, "Invalid Argument args"],
      [BY_KEYS("pump-001"), base("r"), '{"args":{"delay":1,"extra":2}}', 400, "Invalid Argument args.extra"],
      [BY_KEYS("pump-001"), { orgId: "o-unknown", requestId: "r" }, "{}", 400, "Invalid Argument orgId"],
      [BY_KEYS("pump-999"), base("r"), "{}", 404, "Not Found"],
      [BY_KEYS("pump-001", "explode"), base("r"), "{}", 404, "Not Found"],
    ];
    for (const [path, params, body, status, msg] of cases) {
      const res = await put(path, params, body);
      expect([res.body.status, res.body.msg], `${path} ${JSON.stringify(params)} ${body}`).toEqual([status, msg]);
    }
  });

  it("refuses other methods (405) and reports offline (1000204), device errors and timeouts", async () => {
    const get = await legacyPut(emu.enosUrl, BY_KEYS("pump-001"), VECTOR, base("r-get"), "", undefined, "GET");
    expect(get.body).toMatchObject({ status: 405, msg: "Method Not Allowed" });
    expect((await put(BY_KEYS("pump-002"), base("r-off"), "{}")).body).toMatchObject({ status: 1000204, submsg: "device demoPump/pump-002 is offline", data: null });
    await control("POST", "/devices/demoPump/pump-001", { fail: { reboot: { code: 2001, message: "jammed" } }, neverReply: ["setMode"] });
    const failed = await put(BY_KEYS("pump-001"), base("r-fail"), '{"args":{"delay":1}}');
    expect(failed.body).toMatchObject({ status: 1000204, data: { status: 2001, msg: "jammed", outputData: null } });
    expect(failed.body.data.gmtDeviceReply).toBeGreaterThan(0);
    const silent = await put(BY_KEYS("pump-001", "setMode"), base("r-silent", { timeout: "300" }), '{"args":{"mode":1}}');
    expect(silent.body).toMatchObject({ status: 504, data: { status: 1000203, gmtDeviceReply: -1, outputData: null, timeout: 300 } });
  });

  it("answers an ASYNC service at once and delivers the result to the callbackUrl and the control channel", async () => {
    await control("POST", "/devices/demoPump/pump-001", { latencyMs: 200 });
    const started = Date.now();
    const res = await put(BY_KEYS("pump-001", "rebootLater"), base("r-async", { callbackUrl: callbacks.url }), '{"args":{"delay":3}}');
    expect(Date.now() - started).toBeLessThan(150);
    expect(res.body).toMatchObject({
      status: 0,
      data: { requestId: "r-async", messageId: null, callType: "ASYNC", controlChannelId: `DATASVC.CONTROL.${ORG}`, gmtDeviceReply: -1, outputData: null, callbackUrl: callbacks.url },
    });
    for (let i = 0; i < 50 && callbacks.received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(callbacks.received).toEqual([
      expect.objectContaining({ requestId: "r-async", status: 0, callType: "ASYNC", messageId: expect.stringMatching(/^\d+$/), outputData: { result: "" } }),
    ]);
    const channel = await control("GET", `/enos/legacy-results?controlChannelId=DATASVC.CONTROL.${ORG}`);
    expect(channel.body.results).toHaveLength(1);
    expect(channel.body.results[0].gmtDeviceReply).toBeGreaterThan(0);
  });

  it(
    "honours a 45000 ms timeout: a reply after 40 s succeeds, one after 50 s times out",
    async () => {
      await control("POST", "/devices/demoPump/pump-001", { latencyMs: 40_000 });
      await control("POST", "/devices/demoPump/pump-004", { latencyMs: 50_000 });
      const timed = async (dk: string) => {
        const started = Date.now();
        const res = await put(BY_KEYS(dk), base(`r-${dk}`, { timeout: "45000" }), '{"args":{"delay":1}}');
        return { res, ms: Date.now() - started };
      };
      const [fast, slow] = await Promise.all([timed("pump-001"), timed("pump-004")]);
      expect(fast.res.body).toMatchObject({ status: 0, data: { outputData: { result: "" }, timeout: 45000 } });
      expect(fast.ms).toBeGreaterThanOrEqual(40_000);
      expect(fast.ms).toBeLessThan(45_000);
      expect(slow.res.body).toMatchObject({ status: 504, data: { status: 1000203, gmtDeviceReply: -1 } });
      expect(slow.ms).toBeGreaterThanOrEqual(45_000);
      expect(slow.ms).toBeLessThan(50_000);
    },
    90_000,
  );
});
