import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ServiceSpec } from "../../thing-model/types";
import type { ConnectionConfig, InvokeRequest, PlatformAdapter } from "../types";
import { PlatformError } from "../types";
import { COMMANDS_PATH, DEVICES_PATH, THING_MODELS_PATH, createEnosAdapter, deviceExpression } from "./adapter";
import { FakeEnos, closedPortUrl } from "./testing/fake-enos-server";
import { EnosTokenManager } from "./token";

const ORG = "o15000000000001";
let fake: FakeEnos;
let adapter: PlatformAdapter;
let conn: ConnectionConfig;

beforeEach(async () => {
  fake = await new FakeEnos().start();
  adapter = createEnosAdapter({ tokens: new EnosTokenManager(), discoveryTimeoutMs: 2_000 });
  conn = { id: "c1", name: "Demo EnOS", platform: "enos", endpoint: fake.url, orgId: ORG, accessKey: fake.appKey, secretKey: fake.appSecret };
});
afterEach(async () => {
  await fake.stop();
});

const device = {
  orgId: ORG,
  assetId: "a01",
  modelId: "model_pump",
  productKey: "pk01",
  productName: { defaultValue: "Pump", i18nValue: { en_US: "Pump" } },
  deviceKey: "dk01",
  deviceName: { defaultValue: "Pump 1", i18nValue: { zh_CN: "泵 1" } },
  status: "online",
  deviceSecret: "never shown",
};

const reboot: ServiceSpec = {
  identifier: "reboot",
  name: { default: "Reboot" },
  callType: "sync",
  inputs: [
    { identifier: "delay", name: { default: "Delay" }, type: "int", required: true },
    { identifier: "day", name: { default: "Day" }, type: "date", required: false },
  ],
  outputs: [],
  warnings: [],
};

function invokeReq(overrides: Partial<InvokeRequest> = {}): InvokeRequest {
  return { device: { productKey: "pk01", deviceKey: "dk01" }, service: reboot, input: { delay: 5 }, timeoutMs: 30_000, ...overrides };
}

function answerInvoke(json: unknown) {
  fake.on("POST", COMMANDS_PATH, "invokeService", () => ({ json }));
}

describe("searchDevices", () => {
  it("sends expression and pagination and maps the page", async () => {
    fake.on("POST", DEVICES_PATH, "search", () => ({
      json: { code: 0, msg: "OK", requestId: "r1", data: [device, { bogus: true }], pagination: { pageNo: 2, pageSize: 5, totalSize: 11, sortedBy: null } },
    }));
    const page = await adapter.searchDevices(conn, { text: "O'Neil", productKey: "pk01", pageNo: 2, pageSize: 5 });
    const [req] = fake.apiRequests();
    expect(req?.query).toEqual({ action: "search", orgId: ORG });
    expect(JSON.parse(req!.body)).toEqual({
      expression:
        "productKey = 'pk01' and deviceKey = 'O\\'Neil' or productKey = 'pk01' and assetId = 'O\\'Neil' or productKey = 'pk01' and deviceName like 'O\\'Neil'",
      pagination: { pageNo: 2, pageSize: 5 },
    });
    expect(req?.headers["content-type"]).toBe("application/json;charset=UTF-8");
    expect(page).toEqual({
      items: [{ productKey: "pk01", deviceKey: "dk01", assetId: "a01", name: "Pump 1", productName: "Pump", modelId: "model_pump", status: "online" }],
      pageNo: 2,
      pageSize: 5,
      total: 11,
    });
  });

  it("omits the expression without filters and clamps the page size", async () => {
    fake.on("POST", DEVICES_PATH, "search", () => ({ json: { code: 0, data: [] } }));
    const page = await adapter.searchDevices(conn, { pageNo: 1, pageSize: 1000 });
    expect(JSON.parse(fake.apiRequests()[0]!.body)).toEqual({ pagination: { pageNo: 1, pageSize: 200 } });
    expect(page.total).toBe(0);
  });

  it("builds the free-text expression", () => {
    expect(deviceExpression({ text: " dk01 " })).toBe("deviceKey = 'dk01' or assetId = 'dk01' or deviceName like 'dk01'");
    expect(deviceExpression({ productKey: "pk01" })).toBe("productKey = 'pk01'");
    expect(deviceExpression({ text: "a\\'b" })).toContain("'a\\\\\\'b'");
  });
});

describe("getDevice", () => {
  it("selects by product and device key and maps the status", async () => {
    fake.on("GET", DEVICES_PATH, "get", (req) => ({ json: { code: 0, data: { ...device, productKey: req.query.productKey, status: "disable" } } }));
    const d = await adapter.getDevice(conn, { productKey: "pk01", deviceKey: "dk01" });
    expect(fake.apiRequests()[0]?.query).toEqual({ action: "get", orgId: ORG, productKey: "pk01", deviceKey: "dk01" });
    expect(fake.apiRequests()[0]?.body).toBe("");
    expect(d.status).toBe("disabled");
  });

  it("signs decoded query values (spaces, plus, non-ASCII)", async () => {
    fake.on("GET", DEVICES_PATH, "get", (req) => ({ json: { code: 0, data: { ...device, deviceKey: req.query.deviceKey } } }));
    const d = await adapter.getDevice(conn, { productKey: "pk01", deviceKey: "dk 01+泵" });
    expect(d.deviceKey).toBe("dk 01+泵");
  });

  it("selects by asset id when the keys are missing", async () => {
    fake.on("GET", DEVICES_PATH, "get", () => ({ json: { code: 0, data: { ...device, status: "weird" } } }));
    const d = await adapter.getDevice(conn, { productKey: "", deviceKey: "", assetId: "a01" });
    expect(fake.apiRequests()[0]?.query).toEqual({ action: "get", orgId: ORG, assetId: "a01" });
    expect(d.status).toBe("unknown");
  });

  it("turns 99404 into a request error naming the device", async () => {
    fake.on("GET", DEVICES_PATH, "get", () => ({ json: { code: 99404, msg: "device not found", submsg: null, data: null } }));
    const err = await adapter.getDevice(conn, { productKey: "pk01", deviceKey: "nope" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ kind: "request", code: "99404" });
    expect((err as Error).message).toBe(
      `EnOS found no device pk01/nope in organisation ${ORG} (code 99404: device not found). Check the keys and the connection's orgId.`,
    );
  });

  it("refuses a connection without orgId before sending anything", async () => {
    const err = await adapter.getDevice({ ...conn, orgId: null }, { productKey: "pk01", deviceKey: "dk01" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "request", notSent: true });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("listServices", () => {
  const model = {
    modelId: "model_pump",
    services: {
      reboot: {
        identifier: "reboot",
        name: { defaultValue: "Reboot" },
        callType: "SYNC",
        inputData: [{ identifier: "delay", name: { defaultValue: "Delay" }, dataType: "INT", dataDefinition: null, unit: null }],
        outputData: [],
      },
    },
  };

  it("fetches the device's thing model and converts its services", async () => {
    fake.on("GET", THING_MODELS_PATH, "get", () => ({ json: { code: 0, data: model } }));
    const services = await adapter.listServices(conn, { productKey: "pk01", deviceKey: "dk01", name: "Pump 1", modelId: "model_pump", status: "online" });
    expect(fake.apiRequests()[0]?.query).toEqual({ action: "get", orgId: ORG, modelId: "model_pump" });
    expect(services.map((s) => s.identifier)).toEqual(["reboot"]);
    expect(services[0]?.inputs[0]).toMatchObject({ identifier: "delay", type: "int", min: -2147483648, max: 2147483647 });
  });

  it("looks the device up when the summary has no modelId", async () => {
    fake.on("GET", DEVICES_PATH, "get", () => ({ json: { code: 0, data: device } }));
    fake.on("GET", THING_MODELS_PATH, "get", () => ({ json: { code: 0, data: model } }));
    await adapter.listServices(conn, { productKey: "pk01", deviceKey: "dk01", name: "x", status: "online" });
    expect(fake.apiRequests().map((r) => r.path)).toEqual([DEVICES_PATH, THING_MODELS_PATH]);
  });

  it("names a missing thing model", async () => {
    fake.on("GET", THING_MODELS_PATH, "get", () => ({ json: { code: 99404, msg: "model not found", data: null } }));
    await expect(
      adapter.listServices(conn, { productKey: "pk01", deviceKey: "dk01", name: "x", modelId: "m9", status: "online" }),
    ).rejects.toThrow(/thing model “m9”/);
  });
});

describe("invoke", () => {
  it("builds the invokeService request and maps success", async () => {
    answerInvoke({ code: 0, msg: "Success", requestId: "7d86", data: { commandId: "2078724684846989312", outputData: { ok: true } } });
    const before = Date.now();
    const outcome = await adapter.invoke(conn, invokeReq({ input: { delay: 5, day: "2024-05-06" } }));
    const [req] = fake.apiRequests();
    expect(req?.query).toEqual({
      action: "invokeService",
      orgId: ORG,
      productKey: "pk01",
      deviceKey: "dk01",
      serviceId: "reboot",
      pendingTtl: "0",
      timeout: "30",
    });
    expect(req?.body).toBe('{"inputData":{"delay":5,"day":"2024-05-06"}}');
    expect(req?.headers["apim-accesstoken"]).toBe("tok-1");
    expect(req?.headers["apim-signature"]).toMatch(/^[0-9a-f]{64}$/);
    expect(outcome).toMatchObject({
      status: "SUCCEEDED",
      platformCode: "0",
      platformMessage: "Success",
      platformRequestId: "7d86",
      commandId: "2078724684846989312",
      output: { ok: true },
    });
    expect(outcome.sentAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(outcome.deviceRepliedAt!.getTime()).toBeGreaterThanOrEqual(outcome.sentAt!.getTime());
  });

  it("selects by asset id and passes pendingTtl for cached commands", async () => {
    answerInvoke({ code: 0, msg: "Success", data: { commandId: "99" } });
    const outcome = await adapter.invoke(conn, invokeReq({ device: { productKey: "", deviceKey: "", assetId: "a01" }, pendingTtlS: 3600, timeoutMs: 10_000 }));
    expect(fake.apiRequests()[0]?.query).toMatchObject({ assetId: "a01", pendingTtl: "3600", timeout: "10" });
    expect(outcome).toMatchObject({ status: "QUEUED", commandId: "99" });
    expect(outcome.deviceRepliedAt).toBeUndefined();
  });

  it("maps an offline device to FAILED with the code kept", async () => {
    answerInvoke({ code: 11900, msg: "device is offline", requestId: "r2", data: null });
    const outcome = await adapter.invoke(conn, invokeReq());
    expect(outcome).toMatchObject({ status: "FAILED", platformCode: "11900", platformMessage: "device is offline", platformRequestId: "r2" });
    expect(outcome.message).toMatch(/offline/);
    expect(outcome.sentAt).toBeUndefined();
  });

  it("maps a device error and a response timeout", async () => {
    answerInvoke({ code: 2001, msg: "motor jammed", data: { commandId: "5" } });
    expect(await adapter.invoke(conn, invokeReq())).toMatchObject({ status: "FAILED", message: "The device answered with error 2001: motor jammed" });
    answerInvoke({ code: 11915, msg: "timeout", data: { commandId: "6" } });
    const timedOut = await adapter.invoke(conn, invokeReq());
    expect(timedOut).toMatchObject({ status: "TIMED_OUT", commandId: "6" });
    expect(timedOut.sentAt).toBeInstanceOf(Date);
  });

  it("tolerates a bare error envelope (no msg, no data)", async () => {
    answerInvoke({ code: 99400 });
    expect(await adapter.invoke(conn, invokeReq())).toEqual({
      status: "FAILED",
      platformCode: "99400",
      message: "EnOS rejected the request as invalid (EnOS 99400).",
    });
  });

  it("refuses timeouts EnOS does not take, before sending", async () => {
    await expect(adapter.invoke(conn, invokeReq({ timeoutMs: 1_500 }))).rejects.toMatchObject({ kind: "request", notSent: true });
    await expect(adapter.invoke(conn, invokeReq({ timeoutMs: 90_000 }))).rejects.toMatchObject({ kind: "request" });
    await expect(adapter.invoke(conn, invokeReq({ pendingTtlS: 172_801 }))).rejects.toMatchObject({ kind: "request" });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("tokens and auth", () => {
  it("retries once with a new token after 1203", async () => {
    answerInvoke({ code: 0, msg: "Success", data: { commandId: "1", outputData: {} } });
    await adapter.invoke(conn, invokeReq());
    fake.expireTokens();
    const outcome = await adapter.invoke(conn, invokeReq());
    expect(outcome.status).toBe("SUCCEEDED");
    expect(fake.tokenGets).toBe(2);
    expect(fake.apiRequests().map((r) => r.headers["apim-accesstoken"])).toEqual(["tok-1", "tok-1", "tok-2"]);
  });

  it("50 concurrent invokes after a token expiry cause exactly one token fetch", async () => {
    answerInvoke({ code: 0, msg: "Success", data: { commandId: "1", outputData: {} } });
    await adapter.invoke(conn, invokeReq());
    expect(fake.tokenGets).toBe(1);
    fake.expireTokens();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => adapter.invoke(conn, invokeReq())));
    expect(outcomes.every((o) => o.status === "SUCCEEDED")).toBe(true);
    expect(fake.tokenGets).toBe(2);
    const retried = fake.apiRequests().filter((r) => r.headers["apim-accesstoken"] === "tok-2");
    expect(retried).toHaveLength(50);
  });

  it("recovers once when the platform forgot the token (401 unknown token)", async () => {
    answerInvoke({ code: 0, msg: "Success", data: {} });
    await adapter.invoke(conn, invokeReq());
    fake.forgetTokens();
    expect((await adapter.invoke(conn, invokeReq())).status).toBe("SUCCEEDED");
    expect(fake.tokenGets).toBe(2);
  });

  it("reports a bad signature as an auth error without retrying", async () => {
    answerInvoke({ code: 0, data: {} });
    const tokens = new EnosTokenManager();
    // the token comes from the right secret; the calls are then signed with a wrong one
    await tokens.getToken(conn);
    const a = createEnosAdapter({ tokens });
    const err = await a.invoke({ ...conn, secretKey: "wrong" }, invokeReq()).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "auth", code: "1003" });
    expect((err as Error).message).toBe(
      "EnOS rejected the credentials of connection “Demo EnOS” (code 1003: signature mismatch). The signature did not verify. Check the secret key.",
    );
    expect(fake.apiRequests()).toHaveLength(1);
    expect(fake.tokenGets).toBe(1);
  });

  it("reports a gateway 401 without a code as an auth error", async () => {
    fake.on("POST", DEVICES_PATH, "search", () => ({ status: 401, json: { message: "Invalid authentication credentials" } }));
    const err = await adapter.searchDevices(conn, { pageNo: 1, pageSize: 10 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "auth", code: "401" });
    expect((err as Error).message).toContain("HTTP 401: Invalid authentication credentials");
  });

  it("tells an IP block (bare 403) from a permission answer (99403)", async () => {
    fake.on("POST", DEVICES_PATH, "search", () => ({ status: 403, json: { message: "Your IP address is not allowed" } }));
    await expect(adapter.searchDevices(conn, { pageNo: 1, pageSize: 10 })).rejects.toMatchObject({
      kind: "auth",
      message: expect.stringContaining("IP address is allowed"),
    });
    fake.on("POST", DEVICES_PATH, "search", () => ({ status: 403, json: { code: 99403, msg: "Denied resource: orgId", data: null } }));
    await expect(adapter.searchDevices(conn, { pageNo: 1, pageSize: 10 })).rejects.toMatchObject({
      kind: "request",
      code: "99403",
      message: "The application of connection “Demo EnOS” may not search devices (code 99403: Denied resource: orgId). Grant it read access in EnOS.",
    });
  });

  it("testConnection fetches a token and searches one device", async () => {
    fake.on("POST", DEVICES_PATH, "search", () => ({ json: { code: 0, data: [] } }));
    await adapter.testConnection(conn);
    expect(fake.tokenGets).toBe(1);
    expect(JSON.parse(fake.apiRequests()[0]!.body)).toEqual({ pagination: { pageNo: 1, pageSize: 1 } });
  });

  it("testConnection reports wrong credentials", async () => {
    await expect(adapter.testConnection({ ...conn, secretKey: "x" })).rejects.toMatchObject({ kind: "auth", code: "1003" });
  });
});

describe("transport failures", () => {
  it("reports a 5xx with its body", async () => {
    fake.on("POST", DEVICES_PATH, "search", () => ({ status: 502, text: "<html><body>Bad Gateway</body></html>" }));
    const err = await adapter.searchDevices(conn, { pageNo: 1, pageSize: 10 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "platform" });
    expect((err as Error).message).toBe(
      "EnOS failed with HTTP 502 (POST /connect-service/v2.1/devices for connection “Demo EnOS”): <html><body>Bad Gateway</body></html>",
    );
  });

  it("reports a non-JSON 200", async () => {
    fake.on("POST", COMMANDS_PATH, "invokeService", () => ({ text: "hello" }));
    await expect(adapter.invoke(conn, invokeReq())).rejects.toMatchObject({ kind: "platform", message: expect.stringContaining("hello") });
  });

  it("reports a refused connection as not sent", async () => {
    const endpoint = await closedPortUrl();
    await expect(adapter.invoke({ ...conn, endpoint }, invokeReq())).rejects.toMatchObject({ kind: "network", notSent: true });
  });

  it("reports a timeout as possibly sent", async () => {
    fake.on("POST", DEVICES_PATH, "search", () => ({ hang: true }));
    const a = createEnosAdapter({ tokens: new EnosTokenManager(), discoveryTimeoutMs: 200 });
    const err = await a.searchDevices(conn, { pageNo: 1, pageSize: 10 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "network", notSent: false });
    expect((err as Error).message).toMatch(/did not answer connection “Demo EnOS” within 0.2 s/);
  });
});
