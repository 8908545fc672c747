// The Alibaba emulator over real HTTP and MQTT, driven by the official SDK (V3 by default, V1 with
// signatureAlgorithm "v2"). A tampering proxy between the SDK and the emulator changes signed
// requests in flight. The small V1 signer and MQTT password below are written here on purpose
// (not imported from lib/ or the emulator), so the test checks the emulator against the rules.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as iotSdk from "@alicloud/iot20180120";
import * as openApi from "@alicloud/openapi-client";
import { connectAsync } from "mqtt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "./index";

const AK = "demo-ali-access-key-id";
const SECRET = "demo-ali-access-key-secret";
const IOT_ID = "lampIotId0000000001";
// Node's ESM loader hands over the CommonJS exports object; a bundler hands over exports.default
const Iot = (typeof iotSdk.default === "function" ? iotSdk.default : (iotSdk.default as unknown as { default: typeof iotSdk.default }).default);

let emu: RunningEmulator;
let proxy: http.Server;
let proxyHost: string;
/** rewrites the request on its way through the proxy */
let tamper: ((url: URL, headers: http.OutgoingHttpHeaders) => void) | null = null;
/** sends the request twice and answers with the second response */
let replay = false;

function forward(req: http.IncomingMessage, body: Buffer): Promise<{ status: number; type: string; text: string }> {
  const url = new URL(req.url ?? "/", emu.aliyunUrl);
  const headers: http.OutgoingHttpHeaders = { ...req.headers };
  tamper?.(url, headers);
  return new Promise((resolve, reject) => {
    const out = http.request(`${emu.aliyunUrl}${url.pathname}${url.search}`, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), text: Buffer.concat(chunks).toString() }));
    });
    out.on("error", reject);
    out.end(body);
  });
}

function startProxy(): Promise<void> {
  proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const send = replay ? forward(req, body).then(() => forward(req, body)) : forward(req, body);
      send.then(
        (r) => res.writeHead(r.status, { "content-type": r.type }).end(r.text),
        (e: Error) => res.writeHead(502).end(e.message),
      );
    });
  });
  return new Promise((resolve) => proxy.listen(0, "127.0.0.1", () => resolve()));
}

function client(opts: { v1?: boolean; accessKeyId?: string; secret?: string } = {}) {
  return new Iot(
    new openApi.Config({
      accessKeyId: opts.accessKeyId ?? AK,
      accessKeySecret: opts.secret ?? SECRET,
      endpoint: proxyHost,
      protocol: "http",
      readTimeout: 15_000,
      connectTimeout: 15_000,
      ...(opts.v1 ? { signatureAlgorithm: "v2" } : {}),
    }),
  );
}

const detail = (c: ReturnType<typeof client>) => c.queryDeviceDetail(new iotSdk.QueryDeviceDetailRequest({ iotId: IOT_ID }));
const invoke = (c: ReturnType<typeof client>, args: string, extra: Record<string, string> = {}) =>
  c.invokeThingService(new iotSdk.InvokeThingServiceRequest({ iotId: IOT_ID, identifier: "setBrightness", args, ...extra }));

interface SdkError {
  code: string;
  data: Record<string, unknown> & { statusCode: number };
}
const rejection = (p: Promise<unknown>) => p.then(() => expect.fail("expected a gateway error"), (e: unknown) => e as SdkError);

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** V1 request by hand: sorted, RFC 3986-encoded params, HMAC-SHA1 keyed with secret + "&". */
function v1Params(method: string, params: Record<string, string>, secret = SECRET): Record<string, string> {
  const all: Record<string, string> = {
    AccessKeyId: AK,
    Version: "2018-01-20",
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: `${Date.now()}-${Math.random()}`,
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...params,
  };
  const canonical = Object.keys(all).sort().map((k) => `${enc(k)}=${enc(all[k] ?? "")}`).join("&");
  const signature = createHmac("sha1", `${secret}&`).update(`${method}&${enc("/")}&${enc(canonical)}`).digest("base64");
  return { ...all, Signature: signature };
}

async function rawV1(method: "GET" | "POST", params: Record<string, string>, inBody = false) {
  const signed = v1Params(method, params);
  const qs = Object.entries(signed).map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
  const res = await fetch(inBody ? `${emu.aliyunUrl}/` : `${emu.aliyunUrl}/?${qs}`, {
    method,
    ...(inBody ? { body: qs, headers: { "content-type": "application/x-www-form-urlencoded" } } : {}),
  });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

const control = (path: string, body?: unknown) =>
  fetch(`${emu.aliyunUrl}/_emulator/${path}`, { method: body === undefined ? "GET" : "POST", body: body === undefined ? undefined : JSON.stringify(body) });

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
  await startProxy();
  proxyHost = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((r) => proxy?.close(r));
  await emu?.stop();
});

beforeEach(async () => {
  tamper = null;
  replay = false;
  await control("reset", {});
});

describe("Alibaba signatures (official SDK)", () => {
  it.each([["V3", false], ["V1", true]] as const)("accepts %s requests signed by the SDK", async (_name, v1) => {
    const res = await detail(client({ v1 }));
    expect(res.body).toMatchObject({ success: true, data: { iotId: IOT_ID, deviceName: "lamp-001", status: "ONLINE" } });
  });

  it.each([["V3", false], ["V1", true]] as const)("rejects %s requests whose Args were changed in flight", async (_name, v1) => {
    tamper = (url) => url.searchParams.set("Args", '{"brightness":41,"gamma":1.0,"color":0}');
    const err = await rejection(invoke(client({ v1 }), '{"brightness":40,"gamma":1.0,"color":0}'));
    expect(err.code).toBe("SignatureDoesNotMatch");
    expect(err.data.statusCode).toBe(400);
    expect(Object.keys(err.data).sort()).toEqual(["Code", "HostId", "Message", "Recommend", "RequestId", "statusCode"]);
  });

  it("rejects a V3 request whose signed header was changed in flight", async () => {
    tamper = (_url, headers) => void (headers["x-acs-action"] = "QueryDevice");
    expect((await rejection(detail(client()))).code).toBe("SignatureDoesNotMatch");
  });

  it.each([["V3", false], ["V1", true]] as const)("rejects a wrong secret and an unknown key (%s)", async (_name, v1) => {
    expect((await rejection(detail(client({ v1, secret: "wrong" })))).code).toBe("SignatureDoesNotMatch");
    const unknown = await rejection(detail(client({ v1, accessKeyId: "nobody" })));
    expect(unknown).toMatchObject({ code: "InvalidAccessKeyId.NotFound", data: { statusCode: 404, Message: "Specified access key is not found." } });
  });

  it.each([["V3", false], ["V1", true]] as const)("refuses a replayed nonce (%s)", async (_name, v1) => {
    replay = true;
    expect((await rejection(detail(client({ v1 })))).code).toBe("SignatureNonceUsed");
  });

  it("refuses timestamps more than 15 minutes off", async () => {
    const stale = new Date(Date.now() - 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    tamper = (_url, headers) => void (headers["x-acs-date"] = stale);
    expect((await rejection(detail(client()))).code).toBe("InvalidTimeStamp.Expired");
    tamper = (url) => url.searchParams.set("Timestamp", stale);
    expect((await rejection(detail(client({ v1: true })))).code).toBe("InvalidTimeStamp.Expired");
  });

  it("accepts hand-signed V1 GET and form-body POST requests", async () => {
    const get = await rawV1("GET", { Action: "QueryDeviceDetail", IotId: IOT_ID });
    expect(JSON.parse(get.text)).toMatchObject({ Success: true, Data: { IotId: IOT_ID } });
    const post = await rawV1("POST", { Action: "InvokeThingService", IotId: IOT_ID, Identifier: "setBrightness", Args: '{"brightness":1,"gamma":1.5,"color":0}' }, true);
    expect(JSON.parse(post.text)).toMatchObject({ Success: true, Data: { Result: expect.stringContaining('"gamma":1.5') } });
  });
});

describe("Alibaba responses", () => {
  it("answers XML for Format=XML (any case), errors included", async () => {
    const ok = await rawV1("GET", { Action: "QueryDevice", ProductKey: "a1DemoLamp", Format: "xml" });
    expect(ok.type).toBe("text/xml;charset=utf-8");
    expect(ok.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<QueryDeviceResponse><RequestId>[0-9A-F-]{36}<\/RequestId><Success>true<\/Success><Data><DeviceInfo><IotId>lampIotId000000000\d<\/IotId>/);
    const business = await rawV1("GET", { Action: "QueryDevice", ProductKey: "nope", Format: "XML" });
    expect(business.text).toContain("<Success>false</Success><Code>iot.prod.NotExistedProduct</Code><ErrorMessage>");
    const res = await fetch(`${emu.aliyunUrl}/?Action=QueryDevice&Version=2018-01-20&Format=Xml`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/<Error><RequestId>.*<\/RequestId><HostId>127\.0\.0\.1:\d+<\/HostId><Code>MissingAccessKeyId<\/Code>/);
  });

  it("routes before authenticating: unknown actions and versions", async () => {
    const unknown = await fetch(`${emu.aliyunUrl}/?Action=NoSuchAction&Version=2018-01-20`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ Code: "InvalidAction.NotFound" });
    const version = await fetch(`${emu.aliyunUrl}/?Action=QueryDevice&Version=2017-04-20`);
    expect(await version.json()).toMatchObject({ Code: "InvalidVersion" });
  });

  it("checks Args against the TSL, on the raw text", async () => {
    const c = client();
    const noPoint = await invoke(c, '{"brightness":40,"gamma":1,"color":0}');
    expect(noPoint.body).toMatchObject({ success: false, code: "iot.device.InvokeThingServiceFailed", errorMessage: expect.stringContaining("Args.gamma") });
    const range = await invoke(c, '{"brightness":400,"gamma":1.0,"color":0}');
    expect(range.body.errorMessage).toContain("Args.brightness: 400 is outside 0..100");
    const log = (await (await control("requests")).json()) as { requests: { query: Record<string, string> }[] };
    expect(log.requests.map((r) => r.query.Args)).toEqual(['{"brightness":40,"gamma":1,"color":0}', '{"brightness":400,"gamma":1.0,"color":0}']);
  });

  it("lets IotId win over ProductKey + DeviceName and checks the instance", async () => {
    const c = client();
    const res = await invoke(c, '{"brightness":1,"gamma":1.0,"color":0}', { productKey: "a1DemoLamp", deviceName: "no-such-device" });
    expect(res.body).toMatchObject({ success: true, data: { result: expect.stringContaining('"code":200') } });
    const wrong = await invoke(c, "{}", { iotInstanceId: "iot-cn-other" });
    expect(wrong.body).toMatchObject({ success: false, code: "iot.system.InstanceNotFound" });
  });

  it("returns the device reply verbatim as Data.Result, and the custom module's TSL by FunctionBlockId", async () => {
    const c = client();
    const res = await c.invokeThingService(
      new iotSdk.InvokeThingServiceRequest({ iotId: IOT_ID, identifier: "lampFb:calibrate", args: '{"offset":10.0,"zone":{"x":1.0,"y":2}}' }),
    );
    expect(JSON.parse(res.body.data?.result ?? "")).toMatchObject({ code: 200, data: { offset: 10, zone: { x: 1, y: 2 } } });
    expect(res.body.data?.result).toContain('"offset":10.0');
    const tsl = await c.getThingModelTslPublished(new iotSdk.GetThingModelTslPublishedRequest({ productKey: "a1DemoLamp", functionBlockId: "lampFb" }));
    expect(JSON.parse(tsl.body.data?.tslStr ?? "{}")).toMatchObject({ functionBlockId: "lampFb", services: [{ identifier: "calibrate" }, { identifier: "applyProfile" }] });
    const model = await c.queryThingModelPublished(new iotSdk.QueryThingModelPublishedRequest({ productKey: "a1DemoLamp" }));
    expect(JSON.parse(model.body.data?.thingModelJson ?? "{}")).toMatchObject({ functionBlocks: [{ functionBlockId: "lampFb" }], productKey: "a1DemoLamp" });
  });

  it("applies the control API's latency to sync replies", async () => {
    await control("devices/a1DemoLamp/lamp-001", { latencyMs: 300 });
    const started = Date.now();
    const res = await invoke(client(), '{"brightness":1,"gamma":1.0,"color":0}');
    expect(res.body.success).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("validates paging and batch limits", async () => {
    const c = client();
    const page = await c.queryDevice(new iotSdk.QueryDeviceRequest({ productKey: "a1DemoLamp", pageSize: 51 }));
    expect(page.body).toMatchObject({ success: false, code: "iot.common.InvalidPageParams" });
    const many = Array.from({ length: 101 }, () => "lamp-001");
    const batch = await c.invokeThingsService(new iotSdk.InvokeThingsServiceRequest({ productKey: "a1DemoLamp", deviceName: many, identifier: "blink", args: '{"times":1}' }));
    expect(batch.body).toMatchObject({ success: false, code: "iot.system.IllegalRequest" });
    const sync = await c.invokeThingsService(new iotSdk.InvokeThingsServiceRequest({ productKey: "a1DemoLamp", deviceName: ["lamp-001"], identifier: "setBrightness", args: "{}" }));
    expect(sync.body).toMatchObject({ success: false, code: "iot.device.InvokeThingServiceFailed" });
  });
});

describe("Alibaba devices over MQTT", () => {
  const password = (secret: string, ts: string) =>
    createHmac("sha256", secret).update(`clientIdx.lamp-001deviceNamelamp-001productKeya1DemoLamptimestamp${ts}`).digest("hex");

  it("logs devices in with the hmacsha256 password and refuses a wrong one", async () => {
    const ts = String(Date.now());
    const opts = { clientId: `x.lamp-001|securemode=3,signmethod=hmacsha256,timestamp=${ts}|`, username: "lamp-001&a1DemoLamp", reconnectPeriod: 0, protocolVersion: 4 as const };
    await expect(connectAsync(emu.mqttUrl, { ...opts, password: password("wrong", ts) }, false)).rejects.toThrow(/Bad username or password|Connection refused/);
    const ok = await connectAsync(emu.mqttUrl, { ...opts, clientId: `x.lamp-001|securemode=3,signmethod=hmacsha256,timestamp=${ts}|`, password: password("lamp-001-secret", ts) }, false);
    await ok.endAsync();
    expect(await (await control("devices/a1DemoLamp/lamp-001")).json()).toMatchObject({ platform: "aliyun", online: true, connected: true });
  });
});
