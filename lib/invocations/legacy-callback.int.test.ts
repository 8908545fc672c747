// ASYNC calls of the older EnOS API end when their result reaches the console's callback route,
// over real HTTP: the emulator POSTs it to the address the call named, served here by the route
// handler itself (app/api/callbacks/enos-legacy). A forged address is refused; a result that never
// comes ends as TIMED_OUT after ASYNC_REPLY_WAIT_S.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulatorConnection } from "../testing/emulator-connection";
import { DEFAULT_SEED_PATH, startEmulator, type RunningEmulator, type SeedInput } from "../../emulator/index";
import { POST } from "../../app/api/callbacks/enos-legacy/[requestId]/route";
import { loadSecretKey } from "../crypto/seal";
import { prisma } from "../db";
import { callbackSignature } from "../platforms/enos-legacy/callback";
import { invokeService } from "./invoke";
import { reconcileOnce } from "./reconciler";
import type { CurrentUser } from "./types";

const user: CurrentUser = { id: "it-legacy-callback", email: "legacy-cb@it.local", name: "IT legacy callback", role: "admin" };

let emu: RunningEmulator;
let server: Server;
let baseUrl: string;
let connectionId: string;
/** while false the platform's deliveries get 503 without a look at the result (a lost callback); this test's own posts still pass */
let accepting = true;
const answers: number[] = [];

function seedWithAsyncService(): SeedInput {
  const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, "utf8")) as SeedInput & {
    enos: { products: { productKey: string; thingModel: { services: Record<string, Record<string, unknown>> } }[] };
  };
  const services = seed.enos.products.find((p) => p.productKey === "demoPump")!.thingModel.services!;
  services.rebootLater = { ...services.reboot, identifier: "rebootLater", callType: "ASYNC" };
  return seed;
}

/** The route handler behind a real HTTP server, as `next start` would serve it. */
function serveRoute(): Promise<Server> {
  const s = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", baseUrl);
        const match = /^\/api\/callbacks\/enos-legacy\/([^/]+)$/.exec(url.pathname);
        const blocked = !accepting && !req.headers["x-test-post"];
        if (blocked || !match) {
          res.statusCode = blocked ? 503 : 404;
          return res.end();
        }
        const request = new Request(url, { method: "POST", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
        const response = await POST(request, { params: Promise.resolve({ requestId: decodeURIComponent(match[1]!) }) });
        answers.push(response.status);
        res.statusCode = response.status;
        res.end(await response.text());
      })();
    });
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
}

async function rowOf(id: string) {
  return prisma.invocation.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { at: "asc" } } } });
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 10_000, step?: () => Promise<unknown>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await step?.();
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const invokeLater = () =>
  invokeService(user, { connectionId, device: { productKey: "demoPump", deviceKey: "pump-001" }, serviceId: "rebootLater", input: { delay: 1 }, timeoutMs: 5_000 });

beforeAll(async () => {
  server = await serveRoute();
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.CONSOLE_PUBLIC_URL = baseUrl; // read on first use of the environment, which is later
  emu = await startEmulator({ seed: seedWithAsyncService(), enosPort: 0, aliyunPort: 0, mqttPort: 0 });
  connectionId = await createEmulatorConnection(prisma, emu, { platform: "enos-legacy" });
});

afterAll(async () => {
  delete process.env.ASYNC_REPLY_WAIT_S;
  await emu?.stop();
  await new Promise((r) => server?.close(r));
  await prisma.$disconnect();
});

describe("ASYNC calls of the older EnOS API", () => {
  it("are SENT at first, then finished by the result the platform delivers to the callback address", async () => {
    const sent = await invokeLater();
    expect(sent.status).toBe("SENT");
    expect(sent.message).toMatch(/callback address/);
    const done = await until(() => rowOf(sent.id), (r) => r.status !== "SENT");
    expect(done.status).toBe("SUCCEEDED");
    expect(done.deviceRepliedAt).not.toBeNull();
    expect(done.completedAt).not.toBeNull();
    expect(done.output).toEqual(expect.objectContaining({ result: expect.anything() }));
    expect(done.events.map((e) => e.type)).toEqual(["recorded", "accepted", "finished"]);
    expect(answers).toContain(200);
    // the call named an address signed for its own request id
    const requests = (await (await fetch(`${emu.enosUrl}/_emulator/requests`)).json()) as { requests: { path: string; query: Record<string, string> }[] };
    const call = requests.requests.find((r) => r.path.includes("/services/rebootLater/invoke") && r.query.requestId === done.platformRequestId)!;
    const address = new URL(call.query.callbackUrl!);
    expect(address.origin + address.pathname).toBe(`${baseUrl}/api/callbacks/enos-legacy/${done.platformRequestId}`);
    expect(address.searchParams.get("sig")).toBe(callbackSignature(loadSecretKey(), done.platformRequestId!));
  });

  it("refuses a forged or foreign address and a result for another request, changing nothing", async () => {
    accepting = false;
    const sent = await invokeLater();
    const requestId = (await until(() => rowOf(sent.id), (r) => r.platformRequestId !== null)).platformRequestId!;
    const post = (path: string, body: unknown) =>
      fetch(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-test-post": "1" }, body: JSON.stringify(body) });
    const result = { requestId, status: 0, msg: "Success", callType: "ASYNC", gmtDeviceReply: Date.now(), outputData: { result: "forged" } };
    expect((await post(`/api/callbacks/enos-legacy/${requestId}`, result)).status).toBe(403);
    expect((await post(`/api/callbacks/enos-legacy/${requestId}?sig=${callbackSignature(Buffer.alloc(32, 7), requestId)}`, result)).status).toBe(403);
    const signed = `/api/callbacks/enos-legacy/${requestId}?sig=${callbackSignature(loadSecretKey(), requestId)}`;
    expect((await post(signed, { ...result, requestId: "another-request" })).status).toBe(400);
    const row = await rowOf(sent.id);
    expect(row.status).toBe("SENT");
    expect(row.output).toBeNull();
    // the genuine result, delivered late, still finishes it
    const delivered = { requestId, status: 0, msg: "Success", callType: "ASYNC", gmtDeviceReply: Date.now(), outputData: { result: "done" } };
    expect((await post(signed, delivered)).status).toBe(200);
    expect(await rowOf(sent.id)).toMatchObject({ status: "SUCCEEDED", output: { result: "done" } });
    expect((await post(signed, delivered)).status).toBe(200); // a repeat changes nothing
    expect((await rowOf(sent.id)).events.filter((e) => e.type === "finished")).toHaveLength(1);
    accepting = true;
  });

  it("ends as TIMED_OUT when the result never arrives within ASYNC_REPLY_WAIT_S", async () => {
    accepting = false;
    process.env.ASYNC_REPLY_WAIT_S = "1";
    try {
      const sent = await invokeLater();
      expect(sent.status).toBe("SENT");
      const done = await until(() => rowOf(sent.id), (r) => r.status !== "SENT", 15_000, () => reconcileOnce());
      expect(done.status).toBe("TIMED_OUT");
      expect(done.statusMessage).toMatch(/did not reply within 1 s/);
    } finally {
      accepting = true;
      delete process.env.ASYNC_REPLY_WAIT_S;
    }
  });
});
