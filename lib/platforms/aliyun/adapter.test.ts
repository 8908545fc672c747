import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ServiceSpec } from "../../thing-model/types";
import type { ConnectionConfig } from "../types";
import { PlatformError } from "../types";
import { createAliyunAdapter, type AliyunAdapter } from "./adapter";
import { FakeAliyun } from "./testing/fake-aliyun-server";

let fake: FakeAliyun;
let adapter: AliyunAdapter;
let conn: ConnectionConfig;

beforeEach(async () => {
  fake = await new FakeAliyun().start();
  adapter = createAliyunAdapter();
  conn = { id: "c1", name: "Demo Ali", platform: "aliyun", endpoint: fake.url, regionId: "cn-shanghai", accessKey: "ak", secretKey: "sk" };
});
afterEach(async () => {
  await fake.stop();
});

const float = (identifier: string) => ({ identifier, name: { default: identifier }, type: "float" as const, required: true });
const setLevel: ServiceSpec = {
  identifier: "setLevel",
  name: { default: "Set level" },
  callType: "sync",
  inputs: [float("level"), { identifier: "zone", name: { default: "Zone" }, type: "struct", required: true, members: [float("x")] }],
  outputs: [],
  warnings: [],
};
const blink: ServiceSpec = { ...setLevel, identifier: "blink", callType: "async", inputs: [] };
const device = { productKey: "pk1", deviceKey: "dev-1" };
const invoke = (service = setLevel, input: Record<string, unknown> = { level: 10, zone: { x: 2 } }) =>
  adapter.invoke(conn, { device, service, input, timeoutMs: 8000 });

const ok = (data: unknown, extra: Record<string, unknown> = {}) => ({ json: { RequestId: "R-1", Success: true, Data: data, ...extra } });
const fail = (code: string, msg: string) => ({ json: { RequestId: "R-2", Success: false, Code: code, ErrorMessage: msg } });
const gateway = (status: number, code: string, msg: string) => ({ status, json: { RequestId: "R-3", HostId: "h", Code: code, Message: msg, Recommend: "" } });

describe("invoke", () => {
  it("sends Args with decimal points, the selector and the instance, and maps a whole Alink reply", async () => {
    conn.instanceId = "iot-cn-1";
    fake.on("InvokeThingService", ok({ MessageId: "m1", Result: '{"id":"1","code":200,"data":{"level":10.0},"message":"success"}' }));
    const outcome = await invoke();
    const [req] = fake.of("InvokeThingService");
    expect(req?.query).toMatchObject({ Args: '{"level":10.0,"zone":{"x":2.0}}', Identifier: "setLevel", ProductKey: "pk1", DeviceName: "dev-1", IotInstanceId: "iot-cn-1" });
    expect(req?.method).toBe("POST");
    expect(req?.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=ak,/);
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: { level: 10 }, platformCode: "200", messageId: "m1", platformRequestId: "R-1" });
    expect(outcome.deviceRepliedAt).toBeInstanceOf(Date);
  });

  it("sends only IotId when the device has one (it wins on the platform anyway)", async () => {
    fake.on("InvokeThingService", ok({ MessageId: "m1", Result: '{"param1":1}' }));
    const outcome = await adapter.invoke(conn, { device: { ...device, iotId: "iot-1" }, service: setLevel, input: {}, timeoutMs: 8000 });
    expect(fake.of("InvokeThingService")[0]?.query).toEqual({ Args: "{}", Identifier: "setLevel", IotId: "iot-1" });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: { param1: 1 } });
  });

  it("maps a device error code in the reply to FAILED with the device's code and message", async () => {
    fake.on("InvokeThingService", ok({ MessageId: "m1", Result: '{"id":"1","code":460,"data":{},"message":"bad level"}' }));
    expect(await invoke()).toMatchObject({ status: "FAILED", platformCode: "460", platformMessage: "bad level", message: expect.stringContaining("error 460: bad level") });
  });

  it("answers SENT with the MessageId for async services", async () => {
    fake.on("InvokeThingService", ok({ MessageId: "m2" }));
    expect(await invoke(blink, {})).toMatchObject({ status: "SENT", messageId: "m2" });
  });

  it.each([
    ["iot.messagebroker.OFFLINE", "FAILED", "device is offline"],
    ["iot.messagebroker.HALFCONN", "FAILED", "device is offline"],
    ["iot.messagebroker.TIMEOUT", "TIMED_OUT", "8 s"],
    ["iot.messagebroker.RateLimit", "FAILED", "rate limited by the platform"],
    ["iot.device.InvokeThingServiceFailed", "FAILED", "Args.level: float must be written with a decimal point"],
    ["iot.device.NotExistedDevice", "FAILED", "Check the product key and device name"],
    ["iot.system.InstanceNotFound", "FAILED", "instance ID"],
    ["iot.weird.Code", "FAILED", "refused the call"],
  ])("maps Success:false %s to %s", async (code, status, text) => {
    fake.on("InvokeThingService", fail(code, "Args.level: float must be written with a decimal point"));
    const outcome = await invoke();
    expect(outcome).toMatchObject({ status, platformCode: code, platformRequestId: "R-2" });
    expect(outcome.message).toContain(text);
    expect(outcome.sentAt !== undefined).toBe(status === "TIMED_OUT");
  });

  it("reports gateway throttling as FAILED, rate limited by the platform", async () => {
    fake.on("InvokeThingService", gateway(400, "Throttling.User", "Request was denied due to user flow control."));
    const outcome = await invoke();
    expect(outcome).toMatchObject({ status: "FAILED", platformCode: "Throttling.User" });
    expect(outcome.message).toContain("rate limited by the platform");
  });

  it.each([
    ["SignatureDoesNotMatch", 400, "Check the AccessKey secret."],
    ["InvalidAccessKeyId.NotFound", 404, "Check the AccessKey ID."],
    ["InvalidTimeStamp.Expired", 400, "Check this server's clock: it must be within 15 minutes of Alibaba Cloud's."],
  ])("throws an auth PlatformError naming the connection for %s", async (code, status, hint) => {
    fake.on("InvokeThingService", gateway(status, code, "nope"));
    const err = await invoke().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ kind: "auth", code, platformMessage: "nope" });
    expect((err as Error).message).toBe(`Alibaba Cloud rejected the credentials of connection “Demo Ali” (${code}: nope). ${hint}`);
  });

  it("reports an unreadable answer as a platform error", async () => {
    fake.on("InvokeThingService", { text: "<html>oops</html>" });
    await expect(invoke()).rejects.toMatchObject({ kind: "platform" });
  });

  it("reports a refused connection as network, not sent", async () => {
    await fake.stop();
    await expect(invoke()).rejects.toMatchObject({ kind: "network", notSent: true, code: "ECONNREFUSED" });
  });
});

describe("discovery", () => {
  const product = (pk: string, count: number) => ({ ProductKey: pk, ProductName: `Product ${pk}`, DeviceCount: count });
  const devices = (pk: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ IotId: `${pk}-iot-${i}`, ProductKey: pk, DeviceName: `${pk}-dev-${i}`, DeviceStatus: i % 2 ? "OFFLINE" : "ONLINE", Nickname: "" }));

  function scriptDevices(counts: Record<string, number>) {
    fake.on("QueryProductList", ok({ Total: Object.keys(counts).length, List: { ProductInfo: Object.entries(counts).map(([pk, n]) => product(pk, n)) } }));
    fake.on("QueryDevice", (req) => {
      const all = devices(req.query.ProductKey ?? "", counts[req.query.ProductKey ?? ""] ?? 0);
      const page = Number(req.query.CurrentPage);
      const size = Number(req.query.PageSize);
      return ok({ DeviceInfo: all.slice((page - 1) * size, page * size) }, { Page: page, PageSize: size, Total: all.length });
    });
  }

  it("pages across products using their device counts", async () => {
    scriptDevices({ a: 3, b: 60 });
    const page = await adapter.searchDevices(conn, { pageNo: 2, pageSize: 5 });
    expect(page.total).toBe(63);
    expect(page.items.map((d) => d.deviceKey)).toEqual(["b-dev-2", "b-dev-3", "b-dev-4", "b-dev-5", "b-dev-6"]);
    expect(page.items[0]).toMatchObject({ iotId: "b-iot-2", productName: "Product b", status: "online" });
    const last = await adapter.searchDevices(conn, { pageNo: 11, pageSize: 6 });
    expect(last.items.map((d) => d.deviceKey)).toEqual(["b-dev-57", "b-dev-58", "b-dev-59"]);
  });

  it("uses one QueryDevice page for a product filter and clamps the page size to 50", async () => {
    scriptDevices({ a: 70 });
    const page = await adapter.searchDevices(conn, { productKey: "a", pageNo: 2, pageSize: 500 });
    expect(fake.of("QueryDevice").map((r) => r.query)).toEqual([{ ProductKey: "a", CurrentPage: "2", PageSize: "50" }]);
    expect(page).toMatchObject({ pageNo: 2, pageSize: 50, total: 70 });
    expect(page.items).toHaveLength(20);
  });

  it("filters by device name text over every product", async () => {
    scriptDevices({ a: 3, b: 12 });
    const page = await adapter.searchDevices(conn, { text: "B-DEV-1", pageNo: 1, pageSize: 10 });
    expect(page.items.map((d) => d.deviceKey)).toEqual(["b-dev-1", "b-dev-10", "b-dev-11"]);
    expect(page.total).toBe(3);
  });

  it("gets a device and maps its status", async () => {
    fake.on("QueryDeviceDetail", ok({ IotId: "i1", ProductKey: "pk1", DeviceName: "dev-1", ProductName: "Lamp", Status: "UNACTIVE", Nickname: "Hall lamp" }));
    expect(await adapter.getDevice(conn, device)).toEqual({
      productKey: "pk1", deviceKey: "dev-1", iotId: "i1", assetId: null, name: "Hall lamp", productName: "Lamp", modelId: null, status: "inactive",
    });
  });

  it("names a missing device", async () => {
    fake.on("QueryDeviceDetail", fail("iot.device.NotExistedDevice", "no such device"));
    await expect(adapter.getDevice(conn, device)).rejects.toMatchObject({ kind: "request", code: "iot.device.NotExistedDevice", message: expect.stringContaining("pk1/dev-1") });
  });

  it("lists default and custom-module services, finding modules in ThingModelJson", async () => {
    const svc = (id: string) => ({ identifier: id, name: id, callType: "async", inputData: [], outputData: [] });
    fake.on("GetThingModelTslPublished", (req) =>
      ok({ TslStr: JSON.stringify(req.query.FunctionBlockId ? { services: [svc("calibrate")] } : { services: [svc("blink")] }) }),
    );
    fake.on("QueryThingModelPublished", ok({ ThingModelJson: JSON.stringify({ functionBlocks: [{ functionBlockId: "fb1", functionBlockName: "M" }] }) }));
    const services = await adapter.listServices(conn, { ...device, name: "x", status: "online" });
    expect(services.map((s) => s.identifier)).toEqual(["blink", "fb1:calibrate"]);
    expect(fake.of("GetThingModelTslPublished").map((r) => r.query.FunctionBlockId)).toEqual([undefined, "fb1"]);
  });

  it("skips ThingModelJson when the TSL lists its modules itself", async () => {
    fake.on("GetThingModelTslPublished", ok({ TslStr: JSON.stringify({ services: [], functionBlocks: [] }) }));
    expect(await adapter.listServices(conn, { ...device, name: "x", status: "online" })).toEqual([]);
    expect(fake.of("QueryThingModelPublished")).toHaveLength(0);
  });

  it("reports a TslStr that is not JSON", async () => {
    fake.on("GetThingModelTslPublished", ok({ TslStr: "not json" }));
    await expect(adapter.listServices(conn, { ...device, name: "x", status: "online" })).rejects.toMatchObject({ kind: "platform" });
  });

  it("reports throttled discovery as rate limited by the platform", async () => {
    fake.on("QueryProductList", gateway(400, "Throttling.User", "Request was denied due to user flow control."));
    await expect(adapter.testConnection(conn)).rejects.toMatchObject({ kind: "request", message: expect.stringContaining("rate limited by the platform") });
  });
});

describe("queryServiceReply and invokeBatch", () => {
  const since = new Date(Date.now() - 1000);

  it("reads the oldest call at or after `since` and returns null while it has no reply", async () => {
    const row = (out: string) => ({ Identifier: "blink", Name: "Blink", Time: String(Date.now()), InputData: "{}", OutputData: out });
    fake.on("QueryDeviceServiceData", ok({ List: { ServiceInfo: [row(""), row('{"code":200,"data":{"done":1}}')] }, NextValid: false }));
    expect(await adapter.queryServiceReply(conn, device, { identifier: "blink", since })).toBeNull();
    const [req] = fake.of("QueryDeviceServiceData");
    expect(req?.query).toMatchObject({ Identifier: "blink", StartTime: String(since.getTime()), Asc: "1", PageSize: "50", ProductKey: "pk1", DeviceName: "dev-1" });
    fake.on("QueryDeviceServiceData", ok({ List: { ServiceInfo: [row('{"id":"9","code":200,"data":{"done":1}}')] } }));
    expect(await adapter.queryServiceReply(conn, device, { identifier: "blink", messageId: "m9", since })).toEqual({
      status: "SUCCEEDED",
      output: { done: 1 },
      platformCode: "200",
      messageId: "m9",
    });
  });

  it("sends a batch as DeviceName.N and refuses what the platform would refuse", async () => {
    fake.on("InvokeThingsService", { json: { RequestId: "R-9", Success: true } });
    const outcome = await adapter.invokeBatch(conn, "pk1", ["d1", "d2"], blink, {});
    expect(fake.of("InvokeThingsService")[0]?.query).toMatchObject({ ProductKey: "pk1", "DeviceName.1": "d1", "DeviceName.2": "d2", Identifier: "blink", Args: "{}" });
    expect(outcome).toMatchObject({ status: "SENT", platformRequestId: "R-9" });
    const many = Array.from({ length: 101 }, (_, i) => `d${i}`);
    await expect(adapter.invokeBatch(conn, "pk1", many, blink, {})).rejects.toMatchObject({ kind: "request", notSent: true });
    await expect(adapter.invokeBatch(conn, "pk1", ["d1"], setLevel, {})).rejects.toThrow(/only calls async services/);
    expect(fake.of("InvokeThingsService")).toHaveLength(1);
  });
});
