// A reader of Chinese gets the server's field problems in Chinese: the thing model's own messages
// (validateInput's locale) and the fixed ones around them (limits, reasons), through the real
// action with a real session. Nothing reaches the platform.
import { afterAll, beforeAll, afterEach, describe, expect, it, vi } from "vitest";
import { actAs, readIn } from "@/lib/testing/action-session";
import { createSecurityWorld, platformRequests, clearPlatformRequests, PRODUCT, type SecurityWorld } from "@/lib/testing/security-fixture";
import { invokeAction } from "./invoke-service";

vi.mock("next/headers", async () => (await import("@/lib/testing/action-session")).nextHeadersMock);
vi.mock("next-intl/server", async () => (await import("@/lib/testing/action-session")).nextIntlServerMock);

let world: SecurityWorld;

beforeAll(async () => {
  world = await createSecurityWorld();
  actAs(world.cookies.engineer);
}, 120_000);

afterEach(() => readIn("en-US"));

afterAll(async () => {
  await world?.stop();
});

const request = (w: SecurityWorld, over: Record<string, unknown>) => ({
  connectionId: w.connA,
  device: { productKey: PRODUCT, deviceKey: "pump-001" },
  serviceId: "setMode",
  input: { mode: 1, enabled: true, speed: 10.5, label: "ok" },
  timeoutMs: 10_000,
  ...over,
});

describe("field problems in the reader's language", () => {
  it("answers a Chinese reader in Chinese, naming the same fields", async () => {
    await clearPlatformRequests(world.emu);
    readIn("zh-CN");
    const limits = await invokeAction(request(world, { timeoutMs: 61_000 }));
    expect(limits).toMatchObject({ ok: false, code: "invalid", message: "invalid" }); // the catalogue key (mocked catalogue)
    expect(!limits.ok && limits.issues).toEqual([{ path: "timeout", message: "必须是 1 到 60 之间的整数秒" }]);

    const input = await invokeAction(request(world, { input: { mode: 1, enabled: true, speed: 10.5 } }));
    expect(!input.ok && input.issues).toEqual([{ path: "label", message: "为必填项" }]);
    expect(await platformRequests(world.emu)).toEqual(expect.not.arrayContaining([expect.objectContaining({ query: expect.objectContaining({ action: "invokeService" }) })]));
  });

  it("answers an English reader in English", async () => {
    const limits = await invokeAction(request(world, { timeoutMs: 61_000 }));
    expect(!limits.ok && limits.issues).toEqual([{ path: "timeout", message: "must be a whole number of seconds between 1 and 60" }]);
    const input = await invokeAction(request(world, { input: { mode: 1, enabled: true, speed: 10.5 } }));
    expect(!input.ok && input.issues).toEqual([{ path: "label", message: "is required" }]);
  });
});
