import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ServiceSpec } from "../../thing-model/types";
import { DEVICES_PATH } from "../enos/adapter";
import { closedPortUrl, FakeEnos, type RecordedRequest } from "../enos/testing/fake-enos-server";
import { EnosTokenManager } from "../enos/token";
import type { ConnectionConfig, InvokeRequest, PlatformAdapter } from "../types";
import { PlatformError } from "../types";
import { createEnosLegacyAdapter } from "./adapter";
import { legacySign } from "./signature";

const ORG = "o15000000000001";
const T0 = Date.UTC(2024, 4, 1, 8, 0, 0);
let fake: FakeEnos;
let adapter: PlatformAdapter;
let conn: ConnectionConfig;

beforeEach(async () => {
  fake = await new FakeEnos().start();
  adapter = createEnosLegacyAdapter({ tokens: new EnosTokenManager(), discoveryTimeoutMs: 2_000 });
  conn = { id: "c1", name: "Old EnOS", platform: "enos-legacy", endpoint: fake.url, orgId: ORG, accessKey: fake.appKey, secretKey: fake.appSecret };
});
afterEach(async () => {
  await fake.stop();
});

const reboot: ServiceSpec = {
  identifier: "reboot",
  name: { default: "Reboot" },
  callType: "sync",
  inputs: [{ identifier: "delay", name: { default: "Delay" }, type: "int", required: true }],
  outputs: [],
  warnings: [],
};

function invokeReq(overrides: Partial<InvokeRequest> = {}): InvokeRequest {
  return { device: { productKey: "pk01", deviceKey: "dk01" }, service: reboot, input: { delay: 5 }, timeoutMs: 45_000, ...overrides };
}

function info(overrides: Record<string, unknown> = {}) {
  return {
    requestId: "echoed",
    messageId: "2078724684846989312",
    requestMethod: "thing.service.reboot",
    callType: "SYNC",
    controlChannelId: null,
    productKey: "pk01",
    deviceKey: "dk01",
    assetId: "a01",
    serviceId: "reboot",
    inputData: { delay: 5 },
    outputData: { result: "ok" },
    status: 0,
    msg: "SUCCESS",
    timeout: 45000,
    gmtServiceRequest: T0,
    gmtServiceReply: T0 + 900,
    gmtDeviceReply: T0 + 800,
    ...overrides,
  };
}

/** Answers like the older API, after checking the signature with our signing function. */
function answerLegacy(json: unknown | ((req: RecordedRequest) => unknown)) {
  fake.legacy = (req) => {
    const params = new URLSearchParams(req.query);
    const sign = legacySign({ accessKey: fake.appKey, secretKey: fake.appSecret, params, body: req.body });
    if (req.query.accessKey !== fake.appKey || req.query.sign !== sign) {
      return { json: { status: 497, msg: "Timestamp or signature check failed", submsg: "sign does not verify" } };
    }
    return { json: typeof json === "function" ? (json as (r: RecordedRequest) => unknown)(req) : json };
  };
}

const lastLegacy = () => fake.apiRequests().filter((r) => r.path.startsWith("/dataService") || r.path.startsWith("/enosapi")).at(-1)!;

describe("invoke", () => {
  it("sends a signed PUT with a UUID requestId and the timeout in ms, and maps a SYNC reply", async () => {
    answerLegacy((req: RecordedRequest) => ({ status: 0, msg: "Success", data: info({ requestId: req.query.requestId }) }));
    const before = Date.now();
    const outcome = await adapter.invoke(conn, invokeReq());
    const req = lastLegacy();
    expect(req.method).toBe("PUT");
    expect(req.path).toBe("/dataService/products/pk01/devices/dk01/services/reboot/invoke");
    expect(req.query).toMatchObject({ orgId: ORG, timeout: "45000", accessKey: fake.appKey });
    expect(req.query.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number(req.query.requestTimestamp)).toBeGreaterThanOrEqual(before);
    expect(req.query.sign).toMatch(/^[0-9A-F]{40}$/);
    expect(req.headers["content-type"]).toBe("application/json;charset=UTF-8");
    expect(req.body).toBe('{"args":{"delay":5}}');
    expect(outcome).toEqual({
      status: "SUCCEEDED",
      platformCode: "0",
      platformMessage: "Success",
      platformRequestId: req.query.requestId,
      messageId: "2078724684846989312",
      output: { result: "ok" },
      sentAt: new Date(T0),
      deviceRepliedAt: new Date(T0 + 800),
    });
  });

  it("uses a fresh requestId per call", async () => {
    answerLegacy({ status: 0, data: info() });
    await adapter.invoke(conn, invokeReq());
    await adapter.invoke(conn, invokeReq());
    const ids = fake.apiRequests().map((r) => r.query.requestId);
    expect(new Set(ids).size).toBe(2);
  });

  it("speaks the Cloud SDK flavour under /enosapi: connectService path, the args map as body, asset id", async () => {
    answerLegacy({ status: 0, data: info() });
    await adapter.invoke({ ...conn, endpoint: `${fake.url}/enosapi/` }, invokeReq({ device: { productKey: "", deviceKey: "", assetId: "a 01" } }));
    const req = lastLegacy();
    expect(req.path).toBe("/enosapi/connectService/devices/a%2001/services/reboot/invoke");
    expect(req.body).toBe('{"delay":5}');
  });

  it("maps a timeout (504) to TIMED_OUT, sent but not replied", async () => {
    answerLegacy({ status: 504, msg: "Timeout", submsg: "no reply in 45000 ms", data: info({ status: 1000203, gmtDeviceReply: -1, outputData: null }) });
    const outcome = await adapter.invoke(conn, invokeReq());
    expect(outcome).toMatchObject({ status: "TIMED_OUT", platformCode: "504", platformMessage: "Timeout: no reply in 45000 ms", sentAt: new Date(T0) });
    expect(outcome.deviceRepliedAt).toBeUndefined();
    expect(outcome.message).toMatch(/did not answer within the timeout/);
  });

  it("keeps the device's own code when the device answered with an error", async () => {
    answerLegacy({ status: 1000204, msg: "Invoke Failed", data: info({ status: 2001, msg: "motor jammed", outputData: null }) });
    expect(await adapter.invoke(conn, invokeReq())).toMatchObject({
      status: "FAILED",
      platformCode: "2001",
      message: "The device answered with error 2001: motor jammed",
      deviceRepliedAt: new Date(T0 + 800),
    });
  });

  it("maps an offline device (1000204 without a reply) and an argument error", async () => {
    answerLegacy({ status: 1000204, msg: "Invoke Failed", submsg: "device pk01/dk01 is offline" });
    const offline = await adapter.invoke(conn, invokeReq());
    expect(offline).toMatchObject({ status: "FAILED", platformCode: "1000204" });
    expect(offline.message).toContain("(EnOS 1000204: device pk01/dk01 is offline)");
    expect(offline.sentAt).toBeUndefined();
    answerLegacy({ status: 400, msg: "Invalid Argument orgId", submsg: "orgId does not exist" });
    expect((await adapter.invoke(conn, invokeReq())).message).toContain("(EnOS 400: orgId does not exist)");
  });

  it("reports an ASYNC call as SENT, with no messageId yet", async () => {
    answerLegacy({ status: 0, msg: "Success", data: info({ callType: "ASYNC", messageId: null, controlChannelId: "DATASVC.CONTROL.o1", gmtDeviceReply: -1, outputData: null }) });
    const outcome = await adapter.invoke(conn, invokeReq({ service: { ...reboot, callType: "async" } }));
    expect(outcome).toMatchObject({ status: "SENT", sentAt: new Date(T0) });
    expect(outcome.messageId).toBeUndefined();
    expect(outcome.message).toContain("DATASVC.CONTROL.o1");
  });

  it("passes a callbackUrl for an ASYNC service when configured, and none for a SYNC one", async () => {
    const a = createEnosLegacyAdapter({ callbackUrl: (id) => `https://console.example/cb/${id}` });
    answerLegacy({ status: 0, data: info({ callType: "ASYNC", messageId: null, gmtDeviceReply: -1, outputData: null }) });
    await a.invoke(conn, invokeReq({ service: { ...reboot, callType: "async" } }));
    const req = lastLegacy();
    expect(req.query.callbackUrl).toBe(`https://console.example/cb/${req.query.requestId}`);
    answerLegacy({ status: 0, data: info() });
    await a.invoke(conn, invokeReq());
    expect(lastLegacy().query.callbackUrl).toBeUndefined();
  });

  it("reports a refused signature (497) as an auth error", async () => {
    answerLegacy({ status: 0, data: info() });
    const err = await adapter.invoke({ ...conn, secretKey: "wrong" }, invokeReq()).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "auth", code: "497" });
    expect((err as Error).message).toBe(
      "EnOS rejected the credentials of connection “Old EnOS” (code 497: Timestamp or signature check failed: sign does not verify). Check the secret key and this server's clock.",
    );
  });

  it("refuses what the older API cannot take, before sending", async () => {
    await expect(adapter.invoke(conn, invokeReq({ timeoutMs: 300_001 }))).rejects.toMatchObject({ kind: "request", notSent: true });
    await expect(adapter.invoke(conn, invokeReq({ pendingTtlS: 60 }))).rejects.toThrow(/no cached commands/);
    expect(fake.apiRequests()).toHaveLength(0);
  });

  it("names the expected paths when the endpoint answers 404 with no API answer", async () => {
    fake.legacy = () => ({ status: 404, text: "<html>Not Found</html>" });
    const err = await adapter.invoke({ ...conn, endpoint: `${fake.url}/enosapi` }, invokeReq()).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "platform", code: "404", message: expect.stringContaining("/enosapi/connectService (EnOS Cloud)") });
  });

  it("gives up after its timeout plus margin with a network error", async () => {
    fake.legacy = () => ({ hang: true });
    const a = createEnosLegacyAdapter({ invokeMarginMs: 100 });
    const err = await a.invoke(conn, invokeReq({ timeoutMs: 100 })).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "network", message: expect.stringContaining("within 0.2 s") });
  });
});

describe("discovery through the v2.1 API", () => {
  it("searches devices at the endpoint's origin with the same credentials", async () => {
    fake.on("POST", DEVICES_PATH, "search", () => ({
      json: { code: 0, data: [{ productKey: "pk01", deviceKey: "dk01", modelId: "m1", status: "online" }], pagination: { pageNo: 1, pageSize: 10, totalSize: 1 } },
    }));
    const page = await adapter.searchDevices({ ...conn, endpoint: `${fake.url}/dataService` }, { pageNo: 1, pageSize: 10 });
    expect(page.items.map((d) => d.deviceKey)).toEqual(["dk01"]);
    expect(fake.apiRequests()[0]?.path).toBe(DEVICES_PATH);
    expect(fake.tokenGets).toBe(1);
  });

  it("says where it looked when the v2.1 API cannot be reached", async () => {
    const endpoint = await closedPortUrl();
    const err = await adapter.searchDevices({ ...conn, endpoint }, { pageNo: 1, pageSize: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ kind: "network", notSent: true, message: expect.stringContaining(`EnOS v2.1 API at ${endpoint}`) });
  });
});

describe("testConnection", () => {
  it("checks the v2.1 credentials and then the legacy signature with a harmless probe", async () => {
    fake.on("POST", DEVICES_PATH, "search", () => ({ json: { code: 0, data: [] } }));
    answerLegacy({ status: 404, msg: "Not Found", submsg: "device not found" });
    await adapter.testConnection(conn);
    expect(lastLegacy().path).toMatch(/^\/dataService\/devices\/console-connection-test-[0-9a-f-]+\/services\/connectionTest\/invoke$/);
    await expect(adapter.testConnection({ ...conn, secretKey: "wrong" })).rejects.toMatchObject({ kind: "auth" });
  });
});
