// The HTTP API against PostgreSQL and the emulator: route handlers called with real Requests and a
// personal API token, as a script would call them over HTTP.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulatorConnection } from "../../../../lib/testing/emulator-connection";
import { startEmulator, type RunningEmulator } from "@/emulator/index";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/tokens";
import { prisma } from "@/lib/db";
import { reconcileOnce } from "@/lib/invocations/reconciler";
import { isFinal, type InvocationStatus } from "@/lib/invocations/status";
import type { CurrentUser, InvocationPage, InvocationView } from "@/lib/invocations/types";
import { GET as getOne } from "./[id]/route";
import { GET as countRoute } from "./count/route";
import { GET as exportRoute } from "./export/route";
import { GET as list, POST as create } from "./route";

let emu: RunningEmulator;
let connectionId: string;
let engineer: CurrentUser;
let token: string;
let managerToken: string;

const BASE = "http://console.test/api/v1/invocations";

async function newUser(role: CurrentUser["role"]): Promise<CurrentUser> {
  const id = randomUUID();
  const user = { id, email: `api-${role}-${id.slice(0, 8)}@it.local`, name: `API ${role}`, role };
  await prisma.user.create({ data: { ...user, emailVerified: true } });
  return user;
}

function call(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Request {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  return new Request(`${BASE}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
}

const byId = (id: string) => ({ params: Promise.resolve({ id }) });

async function control(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${emu.enosUrl}/_emulator/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.ok, await res.text()).toBe(true);
}

const invocationBody = (deviceKey: string, extra: Record<string, unknown> = {}) => ({
  connectionId,
  productKey: "demoPump",
  deviceKey,
  serviceId: "setMode",
  input: { mode: 1, enabled: true, speed: 900.5, label: "api" },
  timeoutMs: 10_000,
  ...extra,
});

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
  connectionId = await createEmulatorConnection(prisma, emu, { name: `it-api-${randomUUID().slice(0, 8)}` });
  engineer = await newUser("engineer");
  await prisma.userGrant.create({ data: { userId: engineer.id, connectionId, productKey: null } });
  token = (await createApiToken(engineer, "integration test")).token;
  managerToken = (await createApiToken(await newUser("manager"), "manager script")).token;
});

afterAll(async () => {
  await control("reset", {});
  await emu?.stop();
  await prisma.$disconnect();
});

describe("POST /api/v1/invocations", () => {
  it("invokes with a token: 201 with the view, recorded under the token's owner", async () => {
    const res = await create(call("POST", "", { token, body: invocationBody("pump-001") }), undefined);
    expect(res.status, await res.clone().text()).toBe(201);
    const view = (await res.json()) as InvocationView;
    expect(view).toMatchObject({ status: "SUCCEEDED", userId: engineer.id, userEmail: engineer.email, userRole: "engineer", deviceKey: "pump-001" });
    expect(res.headers.get("location")).toBe(`/api/v1/invocations/${view.id}`);
    const row = await prisma.invocation.findUniqueOrThrow({ where: { id: view.id } });
    expect(row).toMatchObject({ userId: engineer.id, userEmail: engineer.email });
  });

  it("answers a repeated Idempotency-Key with the first invocation (200), and refuses the key for another request (409)", async () => {
    const key = randomUUID();
    const first = await create(call("POST", "", { token, body: invocationBody("pump-004"), headers: { "idempotency-key": key } }), undefined);
    expect(first.status).toBe(201);
    const again = await create(call("POST", "", { token, body: invocationBody("pump-004", { idempotencyKey: key }) }), undefined);
    expect(again.status).toBe(200);
    expect(((await again.json()) as InvocationView).id).toBe(((await first.json()) as InvocationView).id);

    const other = await create(call("POST", "", { token, body: invocationBody("pump-005"), headers: { "idempotency-key": key } }), undefined);
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: { code: "conflict" } });
  });

  it("creates a cached command and polls it to completion", async () => {
    const res = await create(call("POST", "", { token, body: invocationBody("pump-002", { pendingTtlS: 600 }) }), undefined);
    expect(res.status).toBe(201);
    const queued = (await res.json()) as InvocationView;
    expect(queued.status).toBe("QUEUED");

    await control("devices/demoPump/pump-002", { online: true });
    let status: InvocationStatus = queued.status;
    for (let i = 0; i < 40 && !isFinal(status); i++) {
      const polled = await getOne(call("GET", `/${queued.id}`, { token }), byId(queued.id));
      expect(polled.status).toBe(200);
      const view = (await polled.json()) as InvocationView;
      status = view.status;
      expect(view.events?.length).toBeGreaterThan(0);
      // the console's background reconciler does this every second; here the test drives it
      if (!isFinal(status)) await reconcileOnce().then(() => new Promise((r) => setTimeout(r, 100)));
    }
    expect(status).toBe("SUCCEEDED");
    await control("devices/demoPump/pump-002", { online: false });
  });

  it("says what is wrong: 400 with field issues, 422 for input the thing model refuses, 403 for a manager", async () => {
    const bad = await create(call("POST", "", { token, body: { connectionId: "nope", productKey: "demoPump", serviceId: "setMode", extra: 1 } }), undefined);
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(badBody.error.code).toBe("invalid_request");
    expect(badBody.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["connectionId", "timeoutMs"]));

    const refused = await create(call("POST", "", { token, body: invocationBody("pump-001", { input: { mode: 99 } }) }), undefined);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      error: { code: "input_rejected", issues: expect.arrayContaining([expect.objectContaining({ path: "mode", message: expect.stringMatching(/one of/) })]) },
    });

    // a caller asking for Chinese reads the problems in Chinese, the thing model's and the limits' alike
    const zh = { "accept-language": "zh-CN,zh;q=0.9" };
    const refusedZh = await create(call("POST", "", { token, headers: zh, body: invocationBody("pump-001", { input: { mode: 1, enabled: true, speed: 900.5 } }) }), undefined);
    expect(await refusedZh.json()).toMatchObject({ error: { code: "input_rejected", issues: [{ path: "label", message: "为必填项" }] } });
    const limitZh = await create(call("POST", "", { token, headers: zh, body: invocationBody("pump-001", { timeoutMs: 61_000 }) }), undefined);
    expect(await limitZh.json()).toMatchObject({ error: { issues: [{ path: "timeout", message: "必须是 1 到 60 之间的整数秒" }] } });

    const manager = await create(call("POST", "", { token: managerToken, body: invocationBody("pump-001") }), undefined);
    expect(manager.status).toBe(403);
    expect(await manager.json()).toMatchObject({ error: { code: "forbidden" } });
  });
});

describe("authentication", () => {
  it("refuses a missing, malformed, unknown or revoked token with 401", async () => {
    const none = await list(call("GET", ""), undefined);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await list(call("GET", "", { token: "dsc_not-a-real-token" }), undefined)).status).toBe(401);

    const user = await newUser("engineer");
    const { token: doomed, view } = await createApiToken(user, "to be revoked");
    expect((await list(call("GET", "", { token: doomed }), undefined)).status).toBe(200);
    await revokeApiToken(user, view.id);
    const revoked = await list(call("GET", "", { token: doomed }), undefined);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: { code: "unauthenticated", message: expect.stringMatching(/revoked/) } });
    expect((await create(call("POST", "", { token: doomed, body: invocationBody("pump-001") }), undefined)).status).toBe(401);
  });

  it("keeps only a hash of the token and notes when it was last used", async () => {
    const row = await prisma.apiToken.findFirstOrThrow({ where: { userId: engineer.id } });
    expect(row.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(row.lastUsedAt).not.toBeNull();
  });
});

describe("reading the history", () => {
  it("lists, counts and exports exactly the filtered rows, newest first", async () => {
    const filters = `connection=${connectionId}&device=pump-001&status=SUCCEEDED`;
    // one more, so there is something to order
    expect((await create(call("POST", "", { token, body: invocationBody("pump-001") }), undefined)).status).toBe(201);

    const page1 = (await (await list(call("GET", `?${filters}&limit=1`, { token }), undefined)).json()) as InvocationPage;
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).toBeTruthy();
    const all = (await (await list(call("GET", `?${filters}`, { token }), undefined)).json()) as InvocationPage;
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    expect(all.items.every((v) => v.deviceKey === "pump-001" && v.status === "SUCCEEDED")).toBe(true);
    const page2 = (await (await list(call("GET", `?${filters}&limit=1&cursor=${page1.nextCursor}`, { token }), undefined)).json()) as InvocationPage;
    expect([page1.items[0]!.id, page2.items[0]!.id]).toEqual(all.items.slice(0, 2).map((v) => v.id));

    const count = await (await countRoute(call("GET", `/count?${filters}`, { token }), undefined)).json();
    expect(count).toEqual({ count: all.items.length, exact: true });

    const csv = await exportRoute(call("GET", `/export?format=csv&${filters}`, { token }), undefined);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="invocations-.*\.csv"$/);
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,requestedAt,/);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(all.items.map((v) => v.id));

    const jsonl = await exportRoute(call("GET", `/export?format=jsonl&${filters}`, { token }), undefined);
    const rows = (await jsonl.text()).trimEnd().split("\n").map((l) => JSON.parse(l) as InvocationView);
    expect(rows.map((r) => r.id)).toEqual(all.items.map((v) => v.id));
  });

  it("refuses bad filters and cursors with 400, and unknown ids with 404", async () => {
    const bad = await list(call("GET", "?status=DONE&from=yesterday", { token }), undefined);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_request", issues: [{ path: "from" }, { path: "status" }] } });
    expect((await list(call("GET", "?cursor=garbage", { token }), undefined)).status).toBe(400);
    expect((await exportRoute(call("GET", "/export?format=xlsx", { token }), undefined)).status).toBe(400);
    const missing = randomUUID();
    expect((await getOne(call("GET", `/${missing}`, { token }), byId(missing))).status).toBe(404);
  });
});
