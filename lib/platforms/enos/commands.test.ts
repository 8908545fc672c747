import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConnectionConfig, InvocationHandle } from "../types";
import { PlatformError } from "../types";
import { COMMANDS_PATH, createEnosAdapter, type EnosAdapter } from "./adapter";
import { FakeEnos } from "./testing/fake-enos-server";
import { EnosTokenManager } from "./token";

const ORG = "o15000000000001";
const REF = { productKey: "pk01", deviceKey: "dk01" };
let fake: FakeEnos;
let adapter: EnosAdapter;
let conn: ConnectionConfig;

beforeEach(async () => {
  fake = await new FakeEnos().start();
  adapter = createEnosAdapter({ tokens: new EnosTokenManager(), discoveryTimeoutMs: 2_000 });
  conn = { id: "c1", name: "Demo EnOS", platform: "enos", endpoint: fake.url, orgId: ORG, accessKey: fake.appKey, secretKey: fake.appSecret };
});
afterEach(async () => {
  await fake.stop();
});

const T0 = Date.UTC(2024, 4, 1, 8, 0, 0);

function command(state: number, overrides: Record<string, unknown> = {}) {
  return {
    commandId: "2078724684846989312",
    orgId: ORG,
    productKey: "pk01",
    deviceKey: "dk01",
    assetId: "a01",
    createTime: T0,
    createLocaltime: "2024-05-01 16:00:00",
    commandType: 2,
    commandName: { defaultValue: "Reboot", i18nValue: { zh_CN: "重启" } },
    timeout: 30,
    pendingTtl: 600,
    state,
    tslIdentifier: "reboot",
    inputData: { delay: 5 },
    outputData: state === 5 ? { result: "ok" } : null,
    ...overrides,
  };
}

const handle = (overrides: Partial<InvocationHandle> = {}): InvocationHandle => ({
  serviceId: "reboot",
  commandId: "2078724684846989312",
  requestedAt: new Date(T0),
  timeoutMs: 30_000,
  ...overrides,
});

describe("getCommand", () => {
  it.each([
    [1, "QUEUED"],
    [2, "CANCELED"],
    [3, "EXPIRED"],
    [4, "SENT"],
    [5, "SUCCEEDED"],
    [6, "FAILED"],
    [7, "TIMED_OUT"],
  ] as const)("maps state %i to %s and keeps the raw state", async (state, status) => {
    fake.on("GET", COMMANDS_PATH, "get", () => ({ json: { code: 0, msg: "OK", requestId: "r1", data: command(state) } }));
    const outcome = await adapter.getCommand(conn, REF, "2078724684846989312");
    expect(outcome).toMatchObject({ status, rawState: String(state), commandId: "2078724684846989312", platformRequestId: "r1", serviceId: "reboot" });
    expect(outcome.message === undefined).toBe(status === "SUCCEEDED");
    expect(fake.apiRequests()[0]?.query).toEqual({ action: "get", orgId: ORG, productKey: "pk01", deviceKey: "dk01", commandId: "2078724684846989312" });
  });

  it("reads output, times and names, with createTime as a string too", async () => {
    fake.on("GET", COMMANDS_PATH, "get", () => ({ json: { code: 0, data: command(5, { createTime: String(T0), createLocalTime: "x" }) } }));
    expect(await adapter.getCommand(conn, REF, "2078724684846989312")).toMatchObject({
      output: { result: "ok" },
      createdAt: new Date(T0),
      serviceName: "Reboot",
      pendingTtlS: 600,
      timeoutS: 30,
    });
  });

  it("treats an unknown state as an unknown outcome, not a failure", async () => {
    fake.on("GET", COMMANDS_PATH, "get", () => ({ json: { code: 0, data: command(9) } }));
    expect(await adapter.getCommand(conn, REF, "1")).toMatchObject({ status: "INTERRUPTED", rawState: "9" });
  });

  it("names the command when EnOS does not know it", async () => {
    fake.on("GET", COMMANDS_PATH, "get", () => ({ json: { code: 99404, msg: "Command not found", data: null } }));
    await expect(adapter.getCommand(conn, REF, "42")).rejects.toMatchObject({ kind: "request", code: "99404", message: expect.stringContaining("command 42 of device pk01/dk01") });
  });
});

describe("searchCommands", () => {
  it("sends the expression and pagination and maps the page", async () => {
    fake.on("POST", COMMANDS_PATH, "search", () => ({
      json: { code: 0, data: [command(1), command(5, { commandId: "7" })], pagination: { pageNo: 1, pageSize: 2, totalSize: 9, sortedBy: null } },
    }));
    const page = await adapter.searchCommands(conn, { ...REF, assetId: "a01" }, { expression: "state = 1", pageNo: 1, pageSize: 2 });
    const [req] = fake.apiRequests();
    expect(req?.query).toEqual({ action: "search", orgId: ORG, productKey: "pk01", deviceKey: "dk01" });
    expect(JSON.parse(req!.body)).toEqual({ expression: "state = 1", pagination: { pageNo: 1, pageSize: 2 } });
    expect(page).toMatchObject({ pageNo: 1, pageSize: 2, total: 9 });
    expect(page.items.map((c) => [c.commandId, c.status])).toEqual([
      ["2078724684846989312", "QUEUED"],
      ["7", "SUCCEEDED"],
    ]);
  });
});

describe("cancelCommand", () => {
  it("reads the echoed pre-cancel state 1 (or 2) as CANCELED", async () => {
    for (const echoed of [1, 2]) {
      fake.on("POST", COMMANDS_PATH, "cancel", () => ({ json: { code: 0, data: [command(echoed)] } }));
      const outcome = await adapter.cancelCommand(conn, REF, "2078724684846989312");
      expect(outcome).toMatchObject({ status: "CANCELED", rawState: "2" });
    }
    const req = fake.apiRequests()[0]!;
    expect(req.query).toMatchObject({ action: "cancel", commandId: "2078724684846989312" });
    expect(req.body).toBe("");
  });

  it("answers with the current state when the command had already left the queue", async () => {
    fake.on("POST", COMMANDS_PATH, "cancel", () => ({ json: { code: 0, data: [] } }));
    fake.on("GET", COMMANDS_PATH, "get", () => ({ json: { code: 0, data: command(5) } }));
    const outcome = await adapter.cancelCommand(conn, REF, "2078724684846989312");
    expect(outcome).toMatchObject({ status: "SUCCEEDED", rawState: "5" });
    expect(outcome.message).toMatch(/^EnOS did not cancel the command/);
  });

  it("cancel() needs a command id", async () => {
    await expect(adapter.cancel(conn, REF, handle({ commandId: null }))).rejects.toBeInstanceOf(PlatformError);
    expect(fake.apiRequests()).toHaveLength(0);
  });
});

describe("poll", () => {
  it("asks for the command by id", async () => {
    fake.on("GET", COMMANDS_PATH, "get", () => ({ json: { code: 0, data: command(3) } }));
    expect(await adapter.poll(conn, REF, handle())).toMatchObject({ status: "EXPIRED", rawState: "3" });
  });

  it("has no news when EnOS no longer knows the command", async () => {
    fake.on("GET", COMMANDS_PATH, "get", () => ({ json: { code: 99404, msg: "not found", data: null } }));
    expect(await adapter.poll(conn, REF, handle())).toBeNull();
  });

  it("finds an interrupted call's command by service and time, only when there is exactly one", async () => {
    const commands = [
      command(5, { commandId: "a", createTime: T0 + 1200 }),
      command(5, { commandId: "b", tslIdentifier: "setMode", createTime: T0 + 1500 }),
      command(5, { commandId: "c", createTime: T0 - 3_600_000 }),
    ];
    fake.on("POST", COMMANDS_PATH, "search", () => ({ json: { code: 0, data: commands } }));
    expect(await adapter.poll(conn, REF, handle({ commandId: undefined }))).toMatchObject({ commandId: "a", status: "SUCCEEDED" });
    commands.push(command(7, { commandId: "d", createTime: T0 + 2000 }));
    expect(await adapter.poll(conn, REF, handle({ commandId: undefined }))).toBeNull();
  });
});
