// The fault matrix: for each platform, every way a call can go wrong, driven through the emulator's
// control API and the whole use case (invokeService against PostgreSQL). Each case must end in the
// right status with a message that says what happened, reach the platform at most once (the
// emulator's request log), and leave no unhandled rejection or uncaught exception behind.
// Cases of one platform run side by side on devices of their own, so the slow ones (a hung socket,
// Alibaba's fixed 8 s limit) overlap: the file takes about as long as its slowest case.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulatorConnection } from "../testing/emulator-connection";
import { DEFAULT_SEED_PATH, startEmulator, type RunningEmulator, type SeedInput } from "../../emulator/index";
import { prisma } from "../db";
import type { PlatformId } from "../platforms/types";
import { invokeService } from "./invoke";
import type { CurrentUser, InvocationView } from "./types";

const user: CurrentUser = { id: "it-fault-matrix", email: "faults@it.local", name: "IT faults", role: "admin" };

let emu: RunningEmulator;
const problems: string[] = [];
const onRejection = (reason: unknown) => void problems.push(`unhandledRejection: ${String(reason)}`);
const onException = (error: Error) => void problems.push(`uncaughtException: ${error.message}`);

/** The demo seed plus devices of our own (pump-1NN, lamp-1NN), so no two cases share a device. */
function matrixSeed(): SeedInput {
  type Dev = Record<string, unknown> & { deviceKey?: string; deviceName?: string };
  const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, "utf8")) as { enos: { devices: Dev[] }; aliyun: { devices: Dev[] } };
  const pump = seed.enos.devices.find((d) => d.deviceKey === "pump-001")!;
  const lamp = seed.aliyun.devices.find((d) => d.deviceName === "lamp-001")!;
  for (let n = 101; n <= 130; n++) {
    seed.enos.devices.push({ ...pump, deviceKey: `pump-${n}`, assetId: `AsPump${n}`, deviceSecret: `pump-${n}-secret`, online: true, activated: true });
  }
  for (let n = 101; n <= 112; n++) {
    seed.aliyun.devices.push({ ...lamp, deviceName: `lamp-${n}`, iotId: lampIotId(`lamp-${n}`), deviceSecret: `lamp-${n}-secret`, online: true });
  }
  return seed as unknown as SeedInput;
}

async function control(base: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}/_emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok, await res.clone().text()).toBe(true);
  return res.json();
}

interface Logged {
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

async function requests(base: string): Promise<Logged[]> {
  return ((await control(base, "requests")) as { requests: Logged[] }).requests;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

interface Platform {
  id: PlatformId;
  base: () => string;
  endpoint: () => string;
  productKey: string;
  serviceId: string;
  input: Record<string, unknown>;
  /** a timeout the platform accepts; the latency cases sit just under and just over it */
  timeoutMs: number;
  under: number;
  over: number;
  device: (n: number) => string;
  /** what identifies the device in the platform request (the adapter sends Alibaba's IotId) */
  wireKey: (device: string) => string;
  /** the invoke requests for one device in the emulator's log */
  invokesOf: (log: Logged[], device: string) => Logged[];
}

const enosInvokes = (log: Logged[], device: string) => log.filter((r) => r.query.action === "invokeService" && r.query.deviceKey === device);
const legacyInvokes = (log: Logged[], device: string) => log.filter((r) => r.path.startsWith("/dataService/") && r.path.includes(`/devices/${device}/`));
const lampIotId = (device: string) => `lampIotId000000${device.slice("lamp-".length)}`;
const aliyunInvokes = (log: Logged[], device: string) =>
  log.filter((r) => (r.headers["x-acs-action"] ?? r.query.Action) === "InvokeThingService" && `${r.query.IotId ?? ""} ${r.body}`.includes(lampIotId(device)));

const PLATFORMS: Platform[] = [
  {
    id: "enos",
    base: () => emu.enosUrl,
    endpoint: () => emu.enosUrl,
    productKey: "demoPump",
    serviceId: "getStatus",
    input: {},
    timeoutMs: 1_000, // EnOS v2.1 takes whole seconds, 1 at least
    under: 600,
    over: 1_500,
    device: (n) => `pump-${101 + n}`,
    wireKey: (d) => d,
    invokesOf: enosInvokes,
  },
  {
    id: "enos-legacy",
    base: () => emu.enosUrl,
    endpoint: () => emu.enosUrl,
    productKey: "demoPump",
    serviceId: "getStatus",
    input: {},
    timeoutMs: 500, // the older API takes milliseconds
    under: 200,
    over: 900,
    device: (n) => `pump-${116 + n}`,
    wireKey: (d) => d,
    invokesOf: legacyInvokes,
  },
  {
    id: "aliyun",
    base: () => emu.aliyunUrl,
    endpoint: () => emu.aliyunUrl,
    productKey: "a1DemoLamp",
    serviceId: "setBrightness",
    input: { brightness: 40, gamma: 1.5, color: 0 },
    timeoutMs: 8_000, // fixed by Alibaba for sync services
    under: 6_500,
    over: 9_500,
    device: (n) => `lamp-${101 + n}`,
    wireKey: lampIotId,
    invokesOf: aliyunInvokes,
  },
];

interface Case {
  name: string;
  /** arms the fault for the case's device */
  arrange: (p: Platform, device: string) => Promise<unknown>;
  status: InvocationView["status"];
  message: (p: Platform) => RegExp;
  /** how many invoke requests the platform may have seen: exactly this many */
  sent: number;
  /** runs against a connection whose endpoint refuses connections */
  refused?: boolean;
}

const device = (p: Platform, dev: string, state: Record<string, unknown>) => control(p.base(), `devices/${p.productKey}/${dev}`, state);
const fault = (p: Platform, dev: string, spec: Record<string, unknown>) =>
  control(p.base(), "faults", { ...spec, contains: p.wireKey(dev), ...(p.id === "enos" ? { action: "invokeService" } : p.id === "enos-legacy" ? { path: "/dataService/" } : { action: "InvokeThingService" }) });

const platformName = (p: Platform) => (p.id === "aliyun" ? "Alibaba Cloud" : "EnOS");
const MAY_HAVE = /may have reached the device; check it before invoking again/;

const CASES: Case[] = [
  { name: "a reply just inside the timeout", arrange: (p, d) => device(p, d, { latencyMs: p.under }), status: "SUCCEEDED", message: () => /^$/, sent: 1 },
  {
    name: "a reply just after the timeout",
    arrange: (p, d) => device(p, d, { latencyMs: p.over }),
    status: "TIMED_OUT",
    message: (p) => (p.id === "aliyun" ? /did not answer within Alibaba Cloud's 8 s limit/ : /did not answer|timed out|no reply/i),
    sent: 1,
  },
  {
    name: "a device that never replies",
    arrange: (p, d) => device(p, d, { neverReply: [p.serviceId] }),
    status: "TIMED_OUT",
    message: () => /did not answer|timed out|no reply/i,
    sent: 1,
  },
  {
    name: "a device error code",
    arrange: (p, d) => device(p, d, { fail: { [p.serviceId]: { code: p.id === "aliyun" ? 9201 : 2001, message: "motor jammed" } } }),
    status: "FAILED",
    message: () => /motor jammed/,
    sent: 1,
  },
  { name: "a platform 5xx", arrange: (p, d) => fault(p, d, { mode: "http500" }), status: "INTERRUPTED", message: (p) => new RegExp(`(${platformName(p)}|EnOS).*(500|InternalError)[\\s\\S]*${MAY_HAVE.source}`), sent: 1 },
  {
    name: "malformed JSON",
    arrange: (p, d) => fault(p, d, { mode: "malformed-json" }),
    status: "INTERRUPTED",
    message: (p) => new RegExp(`${p.id === "aliyun" ? "something unexpected" : "not an API response"}[\\s\\S]*${MAY_HAVE.source}`),
    sent: 1,
  },
  {
    name: "malformed XML (a proxy's or an XML-format answer where JSON was asked for)",
    arrange: (p, d) => fault(p, d, { mode: "malformed-xml" }),
    status: "INTERRUPTED",
    message: (p) => new RegExp(`${p.id === "aliyun" ? "something unexpected" : "not an API response"}[\\s\\S]*${MAY_HAVE.source}`),
    sent: 1,
  },
  {
    name: "a socket that hangs",
    arrange: (p, d) => fault(p, d, { mode: "hang" }),
    status: "INTERRUPTED",
    message: (p) => new RegExp(`${platformName(p)} did not answer[\\s\\S]*within \\d+(\\.\\d)? s[\\s\\S]*${MAY_HAVE.source}`),
    sent: 1,
  },
  {
    name: "a connection closed mid-call",
    arrange: (p, d) => fault(p, d, { mode: "close" }),
    status: "INTERRUPTED",
    message: (p) => new RegExp(`connection to ${platformName(p)} broke[\\s\\S]*${MAY_HAVE.source}`),
    sent: 1,
  },
  {
    name: "a connection closed after the platform acted",
    arrange: (p, d) => fault(p, d, { mode: "close", after: true }),
    status: "INTERRUPTED",
    message: (p) => new RegExp(`connection to ${platformName(p)} broke[\\s\\S]*${MAY_HAVE.source}`),
    sent: 1,
  },
  {
    name: "connection refused",
    arrange: async () => undefined,
    status: "FAILED",
    message: (p) => new RegExp(`Could not connect to ${platformName(p)}.*ECONNREFUSED`),
    sent: 0,
    refused: true,
  },
];

async function addConnection(p: Platform, name: string): Promise<string> {
  return createEmulatorConnection(prisma, emu, { name, platform: p.id });
}

const invoke = (p: Platform, connectionId: string, deviceKey: string) =>
  invokeService(user, { connectionId, device: { productKey: p.productKey, deviceKey }, serviceId: p.serviceId, input: p.input, timeoutMs: p.timeoutMs });

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  emu = await startEmulator({ seed: matrixSeed(), enosPort: 0, aliyunPort: 0, mqttPort: 0 });
});

afterAll(async () => {
  process.off("unhandledRejection", onRejection);
  process.off("uncaughtException", onException);
  // the interrupted rows point at this emulator, which is going away: later suites' reconcilers need not ask it
  await prisma.invocation.updateMany({ where: { connectionName: { startsWith: "it-faults-" }, nextPollAt: { not: null } }, data: { nextPollAt: null } });
  await emu?.stop();
  await prisma.$disconnect();
});

describe.each(PLATFORMS)("fault matrix: $id", (p) => {
  it("ends every fault in the right status, says what happened, and never sends twice", { timeout: 60_000 }, async () => {
    const suffix = randomUUID().slice(0, 8);
    const connectionId = await addConnection(p, `it-faults-${p.id}-${suffix}`);
    const refusingId = await addConnection(p, `it-faults-${p.id}-refused-${suffix}`);
    const refusedCase = CASES.findIndex((c) => c.refused);
    // the device and its thing model are looked up (and cached) while the platform still answers
    for (const [i, c] of CASES.entries()) {
      const view = await invoke(p, c.refused ? refusingId : connectionId, p.device(i));
      expect(view.status, `warm-up of ${p.device(i)}: ${view.message}`).toBe("SUCCEEDED");
    }
    await prisma.connection.update({ where: { id: refusingId }, data: { endpoint: `http://127.0.0.1:${await closedPort()}` } });
    for (const [i, c] of CASES.entries()) await c.arrange(p, p.device(i));
    const since = (await requests(p.base())).at(-1) as (Logged & { seq: number }) | undefined;

    const views = await Promise.all(CASES.map((c, i) => invoke(p, c.refused ? refusingId : connectionId, p.device(i))));

    const log = ((await control(p.base(), `requests?since=${since?.seq ?? 0}`)) as { requests: Logged[] }).requests;
    for (const [i, c] of CASES.entries()) {
      const view = views[i]!;
      const label = `${p.id} / ${c.name} (${p.device(i)}): ${view.status} “${view.message ?? ""}”`;
      expect(view.status, label).toBe(c.status);
      expect(view.message ?? "", label).toMatch(c.message(p));
      expect(p.invokesOf(log, p.device(i)), `${label}: invoke requests the platform received`).toHaveLength(c.sent);
      const row = await prisma.invocation.findUniqueOrThrow({ where: { id: view.id }, include: { events: { orderBy: { id: "asc" } } } });
      expect(row.status, label).toBe(c.status);
      expect(row.events.map((e) => e.type), label).toEqual(["recorded", "finished"]);
      // an outcome nobody knows is handed to the reconciler, which may find it on the platform
      expect(row.nextPollAt !== null, label).toBe(c.status === "INTERRUPTED");
    }
    expect(refusedCase).toBeGreaterThanOrEqual(0);
    expect(await control(p.base(), "faults")).toEqual({ faults: [] });
    expect(problems).toEqual([]);
  });
});
