// The invocation use case against PostgreSQL (DATABASE_URL) and the emulator over real HTTP + MQTT.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmulatorConnection } from "../testing/emulator-connection";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { prisma } from "../db";
import { searchDevices } from "../devices";
import { invokeService } from "./invoke";
import { grantConnections } from "../testing/grants";
import { InputValidationError, type CurrentUser } from "./types";

const user: CurrentUser = { id: "it-engineer", email: "engineer@it.local", name: "IT engineer", role: "engineer" };
const pump = (n: number) => ({ productKey: "demoPump", deviceKey: `pump-${String(n).padStart(3, "0")}` });

let emu: RunningEmulator;
let goodId: string;
let badName: string;
let badId: string;

async function control(path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.enosUrl}/_emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  return res.json();
}

async function invokeCallsLogged(): Promise<number> {
  const log = (await control("requests")) as { requests: { query: Record<string, string> }[] };
  return log.requests.filter((r) => r.query.action === "invokeService").length;
}

async function addConnection(name: string, secret: string): Promise<string> {
  return createEmulatorConnection(prisma, emu, { name, secret });
}

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
  const suffix = randomUUID().slice(0, 8);
  goodId = await addConnection(`it-enos-${suffix}`, "demo-enos-secret-key");
  badName = `it-enos-wrong-secret-${suffix}`;
  badId = await addConnection(badName, "not-the-secret");
  await grantConnections(prisma, user, [goodId, badId]);
});

afterAll(async () => {
  await emu?.stop();
  await prisma.$disconnect();
});

beforeEach(async () => {
  await fetch(`${emu.enosUrl}/_emulator/requests`, { method: "DELETE" });
});

describe("invokeService (EnOS v2.1, instant)", () => {
  it("records the invocation, calls the device over MQTT and finishes the row with its output", async () => {
    const view = await invokeService(user, {
      connectionId: goodId,
      device: pump(1),
      serviceId: "setMode",
      input: { mode: 2, enabled: true, speed: 1200.5, label: "it" },
      timeoutMs: 10_000,
    });
    expect(view.status).toBe("SUCCEEDED");
    expect(view.output).toMatchObject({ mode: 2, enabled: true, speed: 1200.5 });
    expect(view.commandId).toMatch(/^\d+$/);
    const row = await prisma.invocation.findUniqueOrThrow({ where: { id: view.id }, include: { events: true } });
    expect(row).toMatchObject({ userId: user.id, userEmail: user.email, status: "SUCCEEDED", deviceKey: "pump-001" });
    expect(row.sentAt && row.deviceRepliedAt && row.completedAt).toBeTruthy();
    expect(row.events.map((e) => e.type)).toEqual(["recorded", "finished"]);
    expect(await invokeCallsLogged()).toBe(1);
  });

  it("refuses an out-of-range INT and an unknown parameter, naming the field, without calling the platform", async () => {
    const before = await prisma.invocation.count({ where: { connectionId: goodId } });
    const attempt = (input: unknown) =>
      invokeService(user, { connectionId: goodId, device: pump(1), serviceId: "reboot", input, timeoutMs: 10_000 });

    const outOfRange = await attempt({ delay: 2_147_483_648 }).catch((e: unknown) => e);
    expect(outOfRange).toBeInstanceOf(InputValidationError);
    expect((outOfRange as InputValidationError).issues).toContainEqual(expect.objectContaining({ path: "delay" }));

    const unknown = await attempt({ delay: 1, bogus: 1 }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(InputValidationError);
    expect((unknown as InputValidationError).issues).toContainEqual(expect.objectContaining({ path: "bogus" }));

    expect(await invokeCallsLogged()).toBe(0);
    expect(await prisma.invocation.count({ where: { connectionId: goodId } })).toBe(before);
  });

  it("ends an invocation on an offline device FAILED with EnOS 11900 and says the device is offline", async () => {
    const view = await invokeService(user, {
      connectionId: goodId,
      device: pump(2),
      serviceId: "reboot",
      input: { delay: 5 },
      timeoutMs: 5_000,
    });
    expect(view).toMatchObject({ status: "FAILED", platformCode: "11900" });
    expect(view.message).toMatch(/offline/i);
  });

  it("says the credentials were rejected, naming the connection, when the secret is wrong", async () => {
    await expect(searchDevices(user, badId, { pageNo: 1, pageSize: 10 })).rejects.toThrow(
      new RegExp(`credentials.*${badName}|${badName}.*credentials`, "i"),
    );
  });

  it("refreshes an expired token exactly once for 50 concurrent invocations", async () => {
    const warmUp = await invokeService(user, { connectionId: goodId, device: pump(4), serviceId: "getStatus", input: {}, timeoutMs: 10_000 });
    expect(warmUp.status).toBe("SUCCEEDED");
    await control("enos/tokens/expire", {});
    const before = (await control("enos/stats")) as { tokenGets: number; tokenRefreshes: number };

    const devices = [1, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const views = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        invokeService(user, {
          connectionId: goodId,
          device: pump(devices[i % devices.length]!),
          serviceId: "getStatus",
          input: {},
          timeoutMs: 20_000,
        }),
      ),
    );
    expect(views.map((v) => v.status)).toEqual(Array(50).fill("SUCCEEDED"));
    const after = (await control("enos/stats")) as { tokenGets: number; tokenRefreshes: number };
    expect(after.tokenGets + after.tokenRefreshes - (before.tokenGets + before.tokenRefreshes)).toBe(1);
  });
});
