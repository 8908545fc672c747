// The EnOS sender against a real local HTTP server that misbehaves on purpose: each failure must be
// worded as what it was, and only a refused connection may count as "not sent".
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectionConfig } from "../types";
import { PlatformError } from "../types";
import { sendHttp } from "./http";

let server: http.Server;
let base: string;

const conn: ConnectionConfig = {
  id: "00000000-0000-0000-0000-000000000001",
  name: "local",
  platform: "enos",
  endpoint: "http://127.0.0.1:1",
  orgId: "o1",
  regionId: null,
  instanceId: null,
  accessKey: "ak",
  secretKey: "sk",
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      if (req.url === "/echo") {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ method: req.method, body, length: req.headers["content-length"], x: req.headers["x-test"] }));
      } else if (req.url === "/stall-body") {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"partial":'); // and never the rest
      } else if (req.url === "/cut-body") {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"partial":', () => res.socket?.destroy());
      } else if (req.url === "/redirect") {
        res.writeHead(302, { location: "http://127.0.0.1:9/internal" });
        res.end();
      } else if (req.url === "/not-json") {
        res.end("<html>gateway</html>");
      }
      // /hang: never answers
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const send = (path: string, timeoutMs = 2_000, origin = base) =>
  sendHttp(conn, { method: "POST", url: new URL(path, origin), headers: { "x-test": "yes", "content-type": "application/json" }, body: '{"ä":1}', timeoutMs });

const failure = (p: Promise<unknown>) => p.then(() => expect.unreachable("it should have failed"), (e: unknown) => e as PlatformError);

describe("sendHttp", () => {
  it("sends method, headers and body (its length in bytes) and parses a JSON answer", async () => {
    const res = await send("/echo");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ method: "POST", body: '{"ä":1}', length: "8", x: "yes" });
    expect(res.receivedAt.getTime()).toBeGreaterThanOrEqual(res.sentAt.getTime());
    // a second call reuses the kept-alive connection and still works
    expect((await send("/echo")).status).toBe(200);
  });

  it("keeps an answer that is not JSON as text", async () => {
    const res = await send("/not-json");
    expect(res.json).toBeUndefined();
    expect(res.text).toBe("<html>gateway</html>");
  });

  it("does not follow a redirect: the signed request goes nowhere but the configured endpoint", async () => {
    const res = await send("/redirect");
    expect(res.status).toBe(302);
    expect(res.text).toBe("");
  });

  it("reports a refused connection as not sent (safe to retry)", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const e = await failure(send("/echo", 2_000, `http://127.0.0.1:${port}`));
    expect(e).toBeInstanceOf(PlatformError);
    expect(e).toMatchObject({ kind: "network", code: "ECONNREFUSED", notSent: true });
    expect(e.message).toMatch(/Could not connect to EnOS/);
  });

  it("reports no answer in time as a timeout that may have reached the platform, before and after the headers", async () => {
    for (const path of ["/hang", "/stall-body"]) {
      const e = await failure(send(path, 300));
      expect(e).toMatchObject({ kind: "network", notSent: false });
      expect(e.message).toMatch(/did not answer .* within 0\.3 s .*may have reached the platform/);
    }
  });

  it("reports a connection cut during the answer as broken, not as a timeout", async () => {
    const e = await failure(send("/cut-body", 2_000));
    expect(e).toMatchObject({ kind: "network", notSent: false });
    expect(e.message).toMatch(/connection to EnOS broke/);
  });
});
