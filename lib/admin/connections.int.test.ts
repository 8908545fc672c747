// Connections as the admin page manages them: the endpoint policy on save and before every call,
// write-only secrets, test connection, and dangerous services needing a reason.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { getConnectionConfig, getConnectionForInvoke } from "../connections";
import { loadSecretKey, unseal } from "../crypto/seal";
import { prisma } from "../db";
import { invokeService } from "../invocations/invoke";
import { setServiceDanger } from "../invocations/dangerous";
import { InputValidationError, type CurrentUser } from "../invocations/types";
import { createConnection, getConnectionForEdit, listConnectionsForAdmin, testConnection, updateConnection } from "./connections";
import type { ConnectionForm } from "./connection-schema";

const admin: CurrentUser = { id: `it-admin-${randomUUID().slice(0, 8)}`, email: "admin@conn.local", name: "admin", role: "admin" };
const SECRET = "demo-enos-secret-key";
let emu: RunningEmulator;

const form = (patch: Partial<ConnectionForm> = {}): ConnectionForm => ({
  name: `conn-${randomUUID().slice(0, 8)}`,
  platform: "enos",
  endpoint: emu.enosUrl,
  orgId: "o15000000000001",
  regionId: null,
  instanceId: null,
  accessKey: "demo-enos-access-key",
  secret: SECRET,
  enabled: true,
  ...patch,
});

const issuesOf = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as InputValidationError).issues;

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
});

afterAll(async () => {
  await emu?.stop();
});

describe("connections admin", () => {
  it("refuses endpoints that would make the console a proxy into its own network", async () => {
    for (const endpoint of ["http://apim.example.com", "https://169.254.169.254", "https://10.0.0.8:8443", "https://user:pw@apim.example.com", "file:///etc/passwd", "https://metadata"]) {
      expect(await issuesOf(createConnection(admin, form({ endpoint }))), endpoint).toEqual([expect.objectContaining({ path: "endpoint" })]);
    }
  });

  it("stores the secret sealed, never returns it, keeps it when the form leaves it empty and replaces it when typed", async () => {
    const created = await createConnection(admin, form());
    expect(JSON.stringify(created)).not.toContain(SECRET);
    expect(JSON.stringify(await listConnectionsForAdmin(admin))).not.toContain(SECRET);
    const row = await prisma.connection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretSealed).not.toContain(SECRET);
    expect(unseal(row.secretSealed, loadSecretKey())).toBe(SECRET);

    const kept = await updateConnection(admin, created.id, form({ name: created.name, secret: "", accessKey: "renamed-key" }));
    expect(kept.accessKey).toBe("renamed-key");
    expect((await getConnectionConfig(created.id)).secretKey).toBe(SECRET);

    await updateConnection(admin, created.id, form({ name: created.name, secret: "a-new-secret" }));
    expect((await getConnectionConfig(created.id)).secretKey).toBe("a-new-secret");
    expect(JSON.stringify(await getConnectionForEdit(admin, created.id))).not.toContain("a-new-secret");
  });

  it("tests a connection with the stored secret, and reports a wrong one without echoing it", async () => {
    const created = await createConnection(admin, form());
    expect(await testConnection(admin, created.id, form({ name: created.name, secret: "" }))).toMatchObject({ ok: true });
    const wrong = await testConnection(admin, created.id, form({ name: created.name, secret: "wrong-secret-value" }));
    expect(wrong.ok).toBe(false);
    expect(JSON.stringify(wrong)).not.toContain("wrong-secret-value");
  });

  it("re-checks the endpoint before every platform call, even for a row written around the admin page", async () => {
    const created = await createConnection(admin, form());
    await prisma.connection.update({ where: { id: created.id }, data: { endpoint: "http://169.254.169.254" } });
    await expect(getConnectionConfig(created.id)).rejects.toThrow(/must use https/);
  });
});

describe("dangerous services", () => {
  it("refuses to invoke without a reason, and keeps the reason in the audit row and its timeline", async () => {
    const conn = await createConnection(admin, form());
    const ref = { connectionId: conn.id, productKey: "demoPump", serviceId: "getStatus" };
    await setServiceDanger(admin, ref, true);
    const params = { connectionId: conn.id, device: { productKey: "demoPump", deviceKey: "pump-001" }, serviceId: "getStatus", input: {}, timeoutMs: 10_000 };
    const before = await prisma.invocation.count({ where: { connectionId: conn.id } });
    expect(await issuesOf(invokeService(admin, params))).toEqual([expect.objectContaining({ path: "reason" })]);
    expect(await issuesOf(invokeService(admin, { ...params, reason: "   " }))).toEqual([expect.objectContaining({ path: "reason" })]);
    expect(await prisma.invocation.count({ where: { connectionId: conn.id } })).toBe(before);

    const view = await invokeService(admin, { ...params, reason: "  pump stuck, ticket 4711 " });
    const row = await prisma.invocation.findUniqueOrThrow({ where: { id: view.id }, include: { events: true } });
    expect(row.reason).toBe("pump stuck, ticket 4711");
    expect(row.events.find((e) => e.type === "recorded")?.data).toMatchObject({ reason: "pump stuck, ticket 4711" });
    await expect(prisma.invocation.update({ where: { id: view.id }, data: { reason: "edited later" } })).rejects.toThrow(/written once/);

    await setServiceDanger(admin, ref, false);
    expect((await invokeService(admin, params)).status).toBe("SUCCEEDED");
  });

  it("reads each concurrent invocation's own danger mark, also when the lookups go in one batch", async () => {
    const conn = await createConnection(admin, form());
    await setServiceDanger(admin, { connectionId: conn.id, productKey: "demoPump", serviceId: "reboot" }, true);
    await setServiceDanger(admin, { connectionId: conn.id, productKey: "demo|Pump", serviceId: "reboot" }, true);
    const asked = Array.from({ length: 40 }, (_, i) =>
      [
        { productKey: "demoPump", serviceId: "reboot", dangerous: true },
        { productKey: "demoPump", serviceId: "getStatus", dangerous: false },
        { productKey: "otherProduct", serviceId: "reboot", dangerous: false },
        // "demo|Pump" + "reboot" and "demo" + "Pump|reboot" must not be taken for one another
        { productKey: "demo", serviceId: "Pump|reboot", dangerous: false },
      ][i % 4]!,
    );
    const found = await Promise.all(asked.map((a) => getConnectionForInvoke(conn.id, a)));
    expect(found.map((f) => f.dangerous)).toEqual(asked.map((a) => a.dangerous));
    expect(new Set(found.map((f) => f.conn.id))).toEqual(new Set([conn.id]));
    await expect(getConnectionForInvoke(randomUUID(), asked[0]!)).rejects.toThrow(/not found|no connection/i);
  });
});

