// The authorization matrix of the HTTP API: every route × every role, with real personal API tokens
// (created through lib/api-tokens, checked by the routes' own lookup) and, for reads, real session
// cookies from Better Auth's sign-in endpoint. The route handlers are called in-process with plain
// Request objects, as Next.js calls them; nothing that decides access is mocked.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { updateUser } from "@/lib/admin/users";
import { baseUrl } from "@/lib/testing/action-session";
import { createSecurityWorld, pump, PRODUCT, ROLES_UNDER_TEST, type RoleUnderTest, type SecurityWorld } from "@/lib/testing/security-fixture";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as invocations from "./invocations/route";
import * as invocation from "./invocations/[id]/route";
import * as count from "./invocations/count/route";
import * as exportRoute from "./invocations/export/route";

type Caller = RoleUnderTest | "anonymous";
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface Row {
  route: string;
  what: string;
  request: (w: SecurityWorld) => { handler: Handler; method?: string; path: string; body?: unknown; params?: Record<string, string> };
  expect: Record<Caller, number>;
}

const noToken = { anonymous: 401 } as const;
const all = (status: number) => ({ admin: status, engineer: status, product: status, manager: status, ...noToken });
const body = (w: SecurityWorld, connectionId: string, productKey = PRODUCT) => ({
  connectionId,
  productKey,
  deviceKey: pump(1).deviceKey,
  serviceId: "getStatus",
  input: {},
  timeoutMs: 10_000,
});

const ROWS: Row[] = [
  { route: "GET /api/v1/invocations", what: "list the history", request: () => ({ handler: invocations.GET as Handler, path: "/api/v1/invocations" }), expect: all(200) },
  { route: "GET /api/v1/invocations/count", what: "count the history", request: () => ({ handler: count.GET as Handler, path: "/api/v1/invocations/count" }), expect: all(200) },
  { route: "GET /api/v1/invocations/export", what: "export the history", request: () => ({ handler: exportRoute.GET as Handler, path: "/api/v1/invocations/export?format=jsonl" }), expect: all(200) },
  {
    route: "GET /api/v1/invocations/{id}",
    what: "read an invocation in scope",
    request: (w) => ({ handler: invocation.GET as Handler, path: `/api/v1/invocations/${w.invA}`, params: { id: w.invA } }),
    expect: all(200),
  },
  {
    route: "GET /api/v1/invocations/{id}",
    what: "read an invocation out of scope",
    request: (w) => ({ handler: invocation.GET as Handler, path: `/api/v1/invocations/${w.invB}`, params: { id: w.invB } }),
    expect: { admin: 200, engineer: 404, product: 404, manager: 200, ...noToken },
  },
  {
    route: "POST /api/v1/invocations",
    what: "invoke on a granted product",
    request: (w) => ({ handler: invocations.POST as Handler, method: "POST", path: "/api/v1/invocations", body: body(w, w.connA) }),
    expect: { admin: 201, engineer: 201, product: 201, manager: 403, ...noToken },
  },
  {
    route: "POST /api/v1/invocations",
    what: "invoke on a connection not granted",
    request: (w) => ({ handler: invocations.POST as Handler, method: "POST", path: "/api/v1/invocations", body: body(w, w.connB) }),
    expect: { admin: 201, engineer: 403, product: 403, manager: 403, ...noToken },
  },
  {
    route: "POST /api/v1/invocations",
    what: "invoke on another product of a granted connection",
    request: (w) => ({ handler: invocations.POST as Handler, method: "POST", path: "/api/v1/invocations", body: body(w, w.connA, "otherProduct") }),
    expect: { admin: 422, engineer: 422, product: 403, manager: 403, ...noToken },
  },
];

let world: SecurityWorld;
const tokens = {} as Record<RoleUnderTest, string>;

async function send(row: Row, auth: Record<string, string>): Promise<Response> {
  const r = row.request(world);
  const request = new Request(`${baseUrl()}${r.path}`, {
    method: r.method ?? "GET",
    headers: { ...auth, ...(r.body ? { "content-type": "application/json" } : {}) },
    body: r.body ? JSON.stringify(r.body) : undefined,
  });
  return r.handler(request, { params: Promise.resolve(r.params ?? {}) });
}

beforeAll(async () => {
  world = await createSecurityWorld();
  for (const role of ROLES_UNDER_TEST) tokens[role] = (await createApiToken(world.users[role], `matrix ${role}`)).token;
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

describe("HTTP API authorization matrix (personal API tokens)", () => {
  it("has a row for every route handler under app/api/v1", () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const routes = (function walk(d: string): string[] {
      return readdirSync(d).flatMap((f) => (statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)) : f === "route.ts" ? [path.relative(dir, d)] : []));
    })(dir);
    const covered = new Set(ROWS.map((r) => r.route.split(" ")[1]!.replace("/api/v1/", "").replace("{id}", "[id]")));
    expect(routes.filter((r) => !covered.has(r)), "API routes without a row in the matrix").toEqual([]);
  });

  for (const row of ROWS) {
    it(`${row.route}: ${row.what}`, async () => {
      const got: Partial<Record<Caller, number>> = {};
      for (const caller of [...ROLES_UNDER_TEST, "anonymous"] as const) {
        const res = await send(row, caller === "anonymous" ? {} : { authorization: `Bearer ${tokens[caller]}` });
        got[caller] = res.status;
      }
      expect(got).toEqual(row.expect);
    });
  }
});

describe("HTTP API with session cookies and disabled users", () => {
  const list = ROWS[0]!;

  it("reads with the console's session cookie, but never writes with it", async () => {
    expect((await send(list, { cookie: world.cookies.product })).status).toBe(200);
    const write = ROWS.find((r) => r.what === "invoke on a granted product")!;
    expect((await send(write, { cookie: world.cookies.admin })).status).toBe(401);
  });

  it("shows each role only its rows", async () => {
    const ids = async (role: RoleUnderTest) => {
      const res = await send(list, { authorization: `Bearer ${tokens[role]}` });
      return new Set(((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id));
    };
    for (const role of ["admin", "manager"] as const) expect([...(await ids(role))]).toEqual(expect.arrayContaining([world.invA, world.invB]));
    for (const role of ["engineer", "product"] as const) {
      const seen = await ids(role);
      expect(seen.has(world.invA) && !seen.has(world.invB), role).toBe(true);
    }
  });

  it("refuses the token and the session of a user once disabled", async () => {
    const admin = world.users.admin;
    await updateUser(admin, world.users.engineer.id, { disabled: true });
    try {
      expect((await send(list, { authorization: `Bearer ${tokens.engineer}` })).status).toBe(401);
      expect((await send(list, { cookie: world.cookies.engineer })).status).toBe(401);
      const session = await authRoute.GET(new Request(`${baseUrl()}/api/auth/get-session`, { headers: { cookie: world.cookies.engineer } }));
      expect(await session.json()).toBeNull();
    } finally {
      await updateUser(admin, world.users.engineer.id, { disabled: false });
    }
  });
});
