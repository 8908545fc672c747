// The authorization matrix: every server action × every role (and no session) → what happens.
//
// Why in-process with real sessions: the action functions are called directly, as Next.js calls
// them, and each one looks its session up the production way (Better Auth reads the signed cookie
// and the session row in PostgreSQL). Users are real rows with real passwords and grants; they
// sign in through Better Auth's HTTP handler. The only stand-in is the transport: `next/headers`
// exists only inside a Next.js request, so it hands the action the cookie of the user under test
// (and next-intl, which reads the request too, the English locale).
// Nothing that decides access (session lookup, roles, grants, scope queries) is mocked. The HTTP
// layer itself (Origin checks, the wire format) is covered by e2e/security.spec.ts.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { actAs } from "@/lib/testing/action-session";
import { createSecurityWorld, pump, PRODUCT, ROLES_UNDER_TEST, type SecurityWorld } from "@/lib/testing/security-fixture";

vi.mock("next/headers", async () => (await import("@/lib/testing/action-session")).nextHeadersMock);
vi.mock("next-intl/server", async () => (await import("@/lib/testing/action-session")).nextIntlServerMock);

type Caller = (typeof ROLES_UNDER_TEST)[number] | "anonymous";
/** ok: did it; refused: passed authorization, failed on the merits; hidden: out of scope reads as missing. */
type Outcome = "ok" | "refused" | "forbidden" | "hidden" | "unauthenticated";

interface Row {
  action: string;
  what: string;
  call: (w: SecurityWorld) => Promise<unknown>;
  expect: Record<Caller, Outcome>;
}

const ANON_OUT = { anonymous: "unauthenticated" } as const;
const adminOnly = { admin: "ok", engineer: "forbidden", product: "forbidden", manager: "forbidden", ...ANON_OUT } as const;
/** Admins, engineers and product users get `outcome`; managers may not. */
const workers = (outcome: Outcome = "ok") => ({ admin: outcome, engineer: outcome, product: outcome, manager: "forbidden", ...ANON_OUT }) as const;
const everyone = { admin: "ok", engineer: "ok", product: "ok", manager: "ok", ...ANON_OUT } as const;

function classify(result: unknown): Outcome {
  const r = result as { ok?: boolean; code?: string; message?: string };
  if (r.ok) return "ok";
  if (r.code === "unauthenticated") return "unauthenticated";
  if (r.code === "forbidden") return "forbidden";
  if (/^No (invocation|batch) /.test(r.message ?? "")) return "hidden";
  return "refused";
}

const act = async <T,>(modulePath: string, name: string, args?: unknown): Promise<T> => {
  const mod = (await import(modulePath)) as Record<string, (a?: unknown) => Promise<T>>;
  return mod[name]!(args);
};
const a = (file: string) => `./${file}`;
const status = (w: SecurityWorld, connectionId = w.connA, productKey = PRODUCT) => ({
  connectionId,
  device: { ...pump(1), productKey },
  serviceId: "getStatus",
  input: {},
  timeoutMs: 10_000,
});
const connForm = (w: SecurityWorld, name: string) => ({
  name,
  platform: "enos",
  endpoint: w.emu.enosUrl,
  orgId: "o15000000000001",
  accessKey: "demo-enos-access-key",
  secret: "",
  enabled: true,
});

// Ordered: revoke-my-sessions ends each caller's session, so it comes last.
const ROWS: Row[] = [
  { action: "invokeAction", what: "invoke on a granted product", call: (w) => act(a("invoke-service"), "invokeAction", status(w)), expect: workers() },
  { action: "invokeAction", what: "invoke on a connection not granted", call: (w) => act(a("invoke-service"), "invokeAction", status(w, w.connB)), expect: adminOnly },
  {
    action: "invokeAction",
    what: "invoke on another product of a granted connection",
    call: (w) => act(a("invoke-service"), "invokeAction", status(w, w.connA, "otherProduct")),
    expect: { admin: "refused", engineer: "refused", product: "forbidden", manager: "forbidden", ...ANON_OUT },
  },
  { action: "searchDevicesAction", what: "search a granted connection", call: (w) => act(a("search-devices"), "searchDevicesAction", { connectionId: w.connA, pageNo: 1, pageSize: 5 }), expect: workers() },
  { action: "searchDevicesAction", what: "search a connection not granted", call: (w) => act(a("search-devices"), "searchDevicesAction", { connectionId: w.connB, pageNo: 1, pageSize: 5 }), expect: adminOnly },
  {
    action: "searchDevicesAction",
    what: "search another product",
    call: (w) => act(a("search-devices"), "searchDevicesAction", { connectionId: w.connA, productKey: "otherProduct", pageNo: 1, pageSize: 5 }),
    expect: { admin: "ok", engineer: "ok", product: "forbidden", manager: "forbidden", ...ANON_OUT },
  },
  { action: "listProductsAction", what: "list products of a granted connection", call: (w) => act(a("list-products"), "listProductsAction", { connectionId: w.connA }), expect: workers() },
  { action: "getInvocationAction", what: "read an invocation in scope", call: (w) => act(a("get-invocation"), "getInvocationAction", { id: w.invA }), expect: everyone },
  {
    action: "getInvocationAction",
    what: "read an invocation out of scope",
    call: (w) => act(a("get-invocation"), "getInvocationAction", { id: w.invB }),
    expect: { admin: "ok", engineer: "hidden", product: "hidden", manager: "ok", ...ANON_OUT },
  },
  { action: "listInvocationsAction", what: "list the history", call: () => act(a("list-invocations"), "listInvocationsAction", {}), expect: everyone },
  {
    action: "cancelInvocationAction",
    what: "cancel an invocation out of scope",
    call: (w) => act(a("cancel-invocation"), "cancelInvocationAction", { id: w.invB }),
    expect: { admin: "refused", engineer: "hidden", product: "hidden", manager: "forbidden", ...ANON_OUT },
  },
  { action: "getBatchAction", what: "read a batch that does not exist", call: () => act(a("get-batch"), "getBatchAction", { batchId: randomUUID() }), expect: { admin: "hidden", engineer: "hidden", product: "hidden", manager: "hidden", ...ANON_OUT } },
  {
    action: "invokeBatchAction",
    what: "batch-invoke on a granted product (EnOS has no batch)",
    call: (w) => act(a("invoke-batch"), "invokeBatchAction", { connectionId: w.connA, productKey: PRODUCT, deviceNames: ["pump-001"], serviceId: "getStatus", input: {} }),
    expect: workers("refused"),
  },
  { action: "listPresetsAction", what: "list presets of a granted service", call: (w) => act(a("list-presets"), "listPresetsAction", { connectionId: w.connA, productKey: PRODUCT, serviceId: "getStatus" }), expect: workers() },
  {
    action: "savePresetAction",
    what: "save a preset on a granted service",
    call: (w) => act(a("save-preset"), "savePresetAction", { create: { connectionId: w.connA, productKey: PRODUCT, serviceId: "getStatus" }, name: `p-${randomUUID()}`, input: {} }),
    expect: workers(),
  },
  { action: "deletePresetAction", what: "delete a preset that does not exist", call: () => act(a("delete-preset"), "deletePresetAction", { id: randomUUID() }), expect: workers("refused") },
  { action: "createApiTokenAction", what: "create an own API token", call: () => act(a("create-api-token"), "createApiTokenAction", { name: "matrix" }), expect: everyone },
  { action: "revokeApiTokenAction", what: "revoke a token that does not exist", call: () => act(a("revoke-api-token"), "revokeApiTokenAction", { id: randomUUID() }), expect: { admin: "refused", engineer: "refused", product: "refused", manager: "refused", ...ANON_OUT } },
  { action: "createUserAction", what: "create a user", call: (w) => act(a("create-user"), "createUserAction", { name: "x", email: `new-${randomUUID().slice(0, 8)}-${w.suffix}@sec.local`, password: "long-enough-password", role: "engineer" }), expect: adminOnly },
  { action: "updateUserAction", what: "rename a user", call: (w) => act(a("update-user"), "updateUserAction", { id: w.users.manager.id, change: { name: `manager ${w.suffix}` } }), expect: adminOnly },
  { action: "setUserGrantsAction", what: "grant a connection", call: (w) => act(a("set-user-grants"), "setUserGrantsAction", { id: w.users.engineer.id, grants: [{ connectionId: w.connA, productKey: null }] }), expect: adminOnly },
  { action: "setUserPasswordAction", what: "set a password", call: () => act(a("set-user-password"), "setUserPasswordAction", { id: throwaway.id, password: "another-long-password" }), expect: adminOnly },
  { action: "saveConnectionAction", what: "add a connection", call: (w) => act(a("save-connection"), "saveConnectionAction", { id: null, form: { ...connForm(w, `sec-new-${randomUUID().slice(0, 8)}`), secret: "s3cret" } }), expect: adminOnly },
  { action: "setConnectionEnabledAction", what: "enable a connection", call: (w) => act(a("set-connection-enabled"), "setConnectionEnabledAction", { id: w.connB, enabled: true }), expect: adminOnly },
  { action: "testConnectionAction", what: "test a saved connection", call: (w) => act(a("test-connection"), "testConnectionAction", { id: w.connA, form: connForm(w, `sec-A-${w.suffix}`) }), expect: adminOnly },
  { action: "setServiceDangerAction", what: "mark a service dangerous", call: (w) => act(a("set-service-danger"), "setServiceDangerAction", { connectionId: w.connB, productKey: PRODUCT, serviceId: "reboot", dangerous: true }), expect: adminOnly },
  { action: "setLocaleAction", what: "choose the language (no session needed)", call: () => act(a("set-locale"), "setLocaleAction", "en-US"), expect: { admin: "ok", engineer: "ok", product: "ok", manager: "ok", anonymous: "ok" } },
  { action: "revokeMySessionsAction", what: "log out everywhere", call: () => act(a("revoke-my-sessions"), "revokeMySessionsAction"), expect: everyone },
];

let world: SecurityWorld;
let throwaway: { id: string };

beforeAll(async () => {
  world = await createSecurityWorld();
  throwaway = await prisma.user.create({ data: { id: randomUUID(), name: "throwaway", email: `throwaway-${world.suffix}@sec.local`, role: "engineer" } });
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

describe("authorization matrix", () => {
  it("has a row for every exported server action", () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const actionFiles = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.includes(".test.") && /^["']use server["']/m.test(readFileSync(path.join(dir, f), "utf8")));
    const exported = actionFiles.flatMap((f) => [...readFileSync(path.join(dir, f), "utf8").matchAll(/^export async function (\w+)/gm)].map((m) => m[1]!));
    const covered = new Set(ROWS.map((r) => r.action));
    expect(exported.filter((name) => !covered.has(name)), "server actions without a row in the matrix").toEqual([]);
  });

  for (const row of ROWS) {
    it(`${row.action}: ${row.what}`, async () => {
      const got: Partial<Record<Caller, Outcome>> = {};
      for (const caller of [...ROLES_UNDER_TEST, "anonymous"] as const) {
        actAs(caller === "anonymous" ? null : world.cookies[caller]);
        got[caller] = classify(await row.call(world));
      }
      expect(got).toEqual(row.expect);
    });
  }
});
