// Property-based fuzzing of the two ways to invoke a service, in-process: the server action
// (6,000 runs) and the HTTP API's POST /api/v1/invocations (4,000 runs): 10,000 malformed requests
// in all. Wrong types, missing and extra fields, huge strings, deep nesting, `__proto__` keys,
// unpaired surrogates, non-JSON values, out-of-range numbers, bodies that are not JSON.
// Each must end in a clear 4xx-class refusal (an "invalid"/"forbidden" action failure, a 4xx
// status), never an unexpected server error; and nothing may reach the platform: the emulator's
// request log stays empty for requests that are malformed before a device is looked up, and holds
// no invokeService for input that the device's thing model refuses. (A sample over real HTTP is in
// e2e/security.spec.ts.) Sessions and tokens are real; see authorization.int.test.ts for why.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { actAs, baseUrl } from "@/lib/testing/action-session";
import { clearPlatformRequests, createSecurityWorld, platformRequests, PRODUCT, type SecurityWorld } from "@/lib/testing/security-fixture";
import { invokeAction } from "./invoke-service";
import { POST as apiInvoke } from "../api/v1/invocations/route";

vi.mock("next/headers", async () => (await import("@/lib/testing/action-session")).nextHeadersMock);
vi.mock("next-intl/server", async () => (await import("@/lib/testing/action-session")).nextIntlServerMock);

let world: SecurityWorld;
let token: string;
const errors = vi.spyOn(console, "error");

beforeAll(async () => {
  world = await createSecurityWorld();
  token = (await createApiToken(world.users.engineer, "fuzz")).token;
  actAs(world.cookies.engineer);
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

beforeEach(async () => {
  await clearPlatformRequests(world.emu);
  errors.mockClear();
});

// ---- generators -------------------------------------------------------------------------------

const validInput = { mode: 1, enabled: true, speed: 10.5, label: "ok" };
const validRequest = (w: SecurityWorld) => ({
  connectionId: w.connA,
  device: { productKey: PRODUCT, deviceKey: "pump-001" },
  serviceId: "setMode",
  input: validInput,
  timeoutMs: 10_000,
});

const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const notANumber = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const hugeString = fc.integer({ min: 201, max: 200_000 }).map((n) => "x".repeat(n));
const loneSurrogate = fc.tuple(fc.string({ maxLength: 5 }), fc.integer({ min: 0xd800, max: 0xdfff })).map(([s, c]) => `${s}${String.fromCharCode(c)}`);
const deepValue = fc.integer({ min: 17, max: 3_000 }).map((depth) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
});
const protoInput = fc.constantFrom("__proto__", "constructor", "prototype").chain((key) =>
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value) ?? "null"}, "mode": 1}`) as unknown),
);
const badNumber = fc.oneof(fc.double({ noInteger: true }), fc.integer({ max: 0 }), fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308, 61_000, 999, 2 ** 53), fc.string({ maxLength: 5 }));

/**
 * Requests malformed before any device is looked up: nothing at all may reach the platform. For the
 * API (`json`), only what JSON can carry, and no idempotency key (any short string is a valid one there).
 */
function envelopeCorruption(w: SecurityWorld, json = false): fc.Arbitrary<unknown> {
  const base = validRequest(w);
  const field = <K extends string>(key: K, value: fc.Arbitrary<unknown>) => value.map((v) => ({ ...base, [key]: v }));
  return fc.oneof(
    fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.string(), fc.array(fc.anything(), { maxLength: 3 })),
    fc.constantFrom("connectionId", "device", "serviceId", "timeoutMs").map((key) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key))),
    field("connectionId", fc.oneof(notAString, hugeString, fc.uuid(), fc.string({ minLength: 1, maxLength: 50 }))),
    field("serviceId", fc.oneof(notAString, hugeString, fc.constant(""))),
    field("device", fc.oneof(notAString, fc.record({ productKey: fc.oneof(notAString, hugeString), deviceKey: fc.string() }), fc.record({ productKey: fc.constant(PRODUCT), deviceKey: fc.oneof(notAString, hugeString) }))),
    field("timeoutMs", badNumber),
    field("pendingTtlS", fc.oneof(fc.integer({ min: 172_801 }), fc.integer({ max: -1 }), fc.double({ noInteger: true }), notANumber)),
    field("idempotencyKey", json ? notAString : fc.oneof(fc.string({ maxLength: 40 }), notAString)),
    field("reason", fc.oneof(notAString, fc.integer({ min: 501, max: 5_000 }).map((n) => "r".repeat(n)))),
    field("input", fc.oneof(deepValue, protoInput, loneSurrogate.map((s) => ({ label: s })), loneSurrogate.map((s) => ({ [s]: 1 })))),
    field("input", fc.integer({ min: 65_537, max: 300_000 }).map((n) => ({ label: "y".repeat(n) }))),
    ...(json ? [] : [field("input", fc.constantFrom({ speed: Number.NaN }, { speed: Infinity }, { at: new Date(0) }, { f: () => 1 }, { b: 1n }))]),
  );
}

/** Well-formed requests whose input the device's thing model refuses: no invokeService may be sent. */
function payloadCorruption(w: SecurityWorld): fc.Arbitrary<unknown> {
  const base = validRequest(w);
  const input = (patch: fc.Arbitrary<Record<string, unknown>>) => patch.map((p) => ({ ...base, input: { ...validInput, ...p } }));
  const known = new Set(["mode", "enabled", "speed", "label", "__proto__", "constructor", "prototype"]);
  return fc.oneof(
    fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !["setMode", "reboot", "getStatus"].includes(s)).map((serviceId) => ({ ...base, serviceId })),
    input(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !known.has(k)).map((k) => ({ [k]: 1 }))),
    input(fc.oneof(fc.string(), fc.double({ noInteger: true }), fc.integer({ min: 3 }), fc.integer({ max: -1 }), fc.boolean()).map((mode) => ({ mode }))),
    input(fc.oneof(fc.string(), fc.integer(), fc.array(fc.boolean(), { maxLength: 2 })).map((enabled) => ({ enabled }))),
    input(fc.oneof(fc.string(), fc.boolean(), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 })).map((speed) => ({ speed }))),
    input(fc.string({ minLength: 17, maxLength: 2_000 }).map((label) => ({ label }))),
    fc.oneof(fc.integer(), fc.string(), fc.array(fc.integer(), { maxLength: 3 })).map((bad) => ({ ...base, input: bad })),
  );
}

// ---- the server action ----------------------------------------------------------------------------

async function actionRefuses(args: unknown): Promise<void> {
  const result = await invokeAction(args as Parameters<typeof invokeAction>[0]);
  expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(false);
  if (result.ok) return;
  expect(["invalid", "forbidden"], result.message).toContain(result.code);
}

function noUnexpectedErrors(): void {
  expect(errors.mock.calls.filter((c) => String(c[0]).startsWith("[action]") || String(c[0]).startsWith("[api]"))).toEqual([]);
  expect(Object.keys(Object.prototype)).toEqual([]);
}

describe("invoke action under 6,000 malformed requests", () => {
  it("refuses 4,000 requests malformed before any device lookup, and the platform hears nothing", async () => {
    await fc.assert(fc.asyncProperty(envelopeCorruption(world), actionRefuses), { numRuns: 4_000 });
    noUnexpectedErrors();
    expect(await platformRequests(world.emu)).toEqual([]);
  });

  it("refuses 2,000 requests whose input the thing model does not accept, and no invokeService is sent", async () => {
    await fc.assert(fc.asyncProperty(payloadCorruption(world), actionRefuses), { numRuns: 2_000 });
    noUnexpectedErrors();
    expect((await platformRequests(world.emu)).filter((r) => r.query.action === "invokeService")).toEqual([]);
  });
});

// ---- the HTTP API ---------------------------------------------------------------------------------

/** The API takes productKey/deviceKey at the top level; the same corruptions, in its shape. */
function apiBody(args: unknown): string {
  if (!args || typeof args !== "object" || Array.isArray(args)) return JSON.stringify(args) ?? "";
  const { device, ...rest } = args as Record<string, unknown>;
  const flat = device && typeof device === "object" && !Array.isArray(device) ? { ...rest, ...(device as Record<string, unknown>) } : { ...rest, device };
  return JSON.stringify(flat) ?? "";
}

async function apiRefuses(body: string): Promise<void> {
  const response = await apiInvoke(
    new Request(`${baseUrl()}/api/v1/invocations`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body }),
    { params: Promise.resolve({}) },
  );
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(response.status, text.slice(0, 300)).toBeLessThan(500);
  expect((JSON.parse(text) as { error: { code: string; message: string } }).error.message.length).toBeGreaterThan(0);
}

describe("POST /api/v1/invocations under 4,000 malformed bodies", () => {
  it("answers 3,000 bodies malformed before any device lookup with a 4xx, and the platform hears nothing", async () => {
    const raw = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom("", "{", "[]", "null", '{"a":', "\u0000", '{"__proto__":{"x":1}}'));
    const bodies = fc.oneof({ weight: 1, arbitrary: raw }, { weight: 4, arbitrary: envelopeCorruption(world, true).map(apiBody) });
    await fc.assert(fc.asyncProperty(bodies, apiRefuses), { numRuns: 3_000 });
    noUnexpectedErrors();
    expect(await platformRequests(world.emu)).toEqual([]);
  });

  it("answers 1,000 bodies whose input the thing model does not accept with a 4xx, and no invokeService is sent", async () => {
    await fc.assert(fc.asyncProperty(payloadCorruption(world).map(apiBody), apiRefuses), { numRuns: 1_000 });
    noUnexpectedErrors();
    expect((await platformRequests(world.emu)).filter((r) => r.query.action === "invokeService")).toEqual([]);
  });
});
