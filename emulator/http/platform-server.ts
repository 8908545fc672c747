// One HTTP server per emulated platform: `/_emulator/*` goes to the control API, everything else
// is logged and handed to the platform API. Plain node:http keeps the raw body and query intact.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { produceFault, type FaultTable } from "./faults";
import type { RequestLog } from "./request-log";
import type { ApiRequest, ApiResponse, Handler, PlatformName } from "./types";

// The APIM gateway's documented limit message; 1 MiB is the emulator's own choice.
const MAX_BODY_BYTES = 1024 * 1024;
export const CONTROL_PREFIX = "/_emulator/";

export interface PlatformServerOptions {
  platform: PlatformName;
  api: Handler;
  control: Handler;
  requestLog: RequestLog;
  /** transport faults armed through the control API (POST /_emulator/faults) */
  faults?: FaultTable;
  log: (line: string) => void;
}

class BodyTooLarge extends Error {}

export function createPlatformServer(opts: PlatformServerOptions): http.Server {
  const server = http.createServer({ noDelay: true }, (req, res) => {
    handle(opts, req, res).catch((e: unknown) => {
      opts.log(`${opts.platform} ${req.method} ${req.url} failed: ${(e as Error).stack ?? String(e)}`);
      send(res, { status: 500, body: { message: "An unexpected error occurred" } });
    });
  });
  return server;
}

async function handle(opts: PlatformServerOptions, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const started = Date.now();
  const url = new URL(req.url ?? "/", "http://emulator.local");
  let body: string;
  try {
    body = await readBody(req);
  } catch (e) {
    if (!(e instanceof BodyTooLarge)) throw e;
    send(res, { status: 413, body: { message: "Request size limit exceeded" } });
    return;
  }
  const apiReq: ApiRequest = {
    method: req.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
    receivedAt: started,
  };
  const isControl = url.pathname.startsWith(CONTROL_PREFIX);
  if (!isControl) opts.requestLog.add(opts.platform, apiReq);
  const fault = isControl ? undefined : opts.faults?.take(apiReq);
  if (fault && !fault.after) {
    opts.log(`${opts.platform} ${apiReq.method} ${req.url} -> fault ${fault.mode}`);
    produceFault(res, fault.mode, opts.platform);
    return;
  }
  const out = await (isControl ? opts.control : opts.api)(apiReq);
  if (fault) {
    opts.log(`${opts.platform} ${apiReq.method} ${req.url} -> ${out.status}${summary(out.body)}, answered with fault ${fault.mode}`);
    produceFault(res, fault.mode, opts.platform);
    return;
  }
  send(res, out);
  if (!isControl) opts.log(`${opts.platform} ${apiReq.method} ${req.url} -> ${out.status}${summary(out.body)} (${Date.now() - started} ms)`);
}

function summary(body: unknown): string {
  if (typeof body !== "object" || body === null) return "";
  const b = body as Record<string, unknown>;
  const code = b.code ?? b.status ?? b.Code;
  return code === undefined ? "" : ` code=${String(code)}`;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, out: ApiResponse): void {
  if (res.headersSent) return;
  const text = out.text ?? JSON.stringify(out.body);
  res.writeHead(out.status, {
    "content-type": out.contentType ?? "application/json;charset=UTF-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Listens and returns the base URL with the real port (port 0 picks a free one). */
export function listen(server: http.Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const addr = server.address() as AddressInfo;
      resolve(`http://${urlHost(host)}:${addr.port}`);
    });
  });
}

/** A wildcard bind is reached through loopback; IPv6 literals need brackets in a URL. */
export function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    // blocked invokeService calls and keep-alive sockets would otherwise hold close() open
    server.closeAllConnections();
  });
}
