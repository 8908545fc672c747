// The one place where EnOS HTTP requests leave this process (both EnOS APIs): timeouts,
// network-error mapping and body reading. Signing and token handling live above it (client.ts,
// token.ts). On node:http with keep-alive agents rather than fetch: less CPU per call (the console's
// CPU per invocation went from 2.9 to 2.4 ms in `npm run bench`), no fixed limit on waiting for
// headers (fetch's undici gives up after 300 s, exactly as long as a call of the older API may wait
// for its device), and redirects are not followed: a platform endpoint that redirects elsewhere
// cannot lead the signed request past the endpoint policy (lib/security/endpoints.ts).
import http from "node:http";
import https from "node:https";
import type { ConnectionConfig } from "../types";
import { PlatformError } from "../types";
import { connLabel } from "./errors";

export interface HttpRequest {
  /** PUT: the older EnOS API's invoke */
  method: "GET" | "POST" | "PUT";
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResult {
  status: number;
  text: string;
  /** the body parsed as JSON, or undefined when it is not JSON */
  json: unknown;
  sentAt: Date;
  receivedAt: Date;
}

export const JSON_CONTENT_TYPE = "application/json;charset=UTF-8";

/** Joins the endpoint (which may carry a path prefix) with an API path and query. */
export function buildUrl(conn: ConnectionConfig, path: string, query?: URLSearchParams): URL {
  let url: URL;
  try {
    url = new URL(conn.endpoint.replace(/\/+$/, "") + path);
  } catch (cause) {
    throw new PlatformError(
      "request",
      `The endpoint of ${connLabel(conn)} is not a valid URL (“${conn.endpoint}”). Edit the connection.`,
      { notSent: true, cause },
    );
  }
  // URLSearchParams writes spaces as "+", which only form decoders read back as spaces; "%20"
  // decodes the same everywhere (a literal "+" is already "%2B"), so the signed values survive.
  if (query) url.search = query.toString().replace(/\+/g, "%20");
  return url;
}

const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

export function sendHttp(conn: ConnectionConfig, req: HttpRequest): Promise<HttpResult> {
  const sentAt = new Date();
  const transport = req.url.protocol === "https:" ? https : http;
  const agent = req.url.protocol === "https:" ? agents["https:"] : agents["http:"];
  return new Promise((resolve, reject) => {
    let settled = false;
    // set when the time is up: whatever breaks then (the request, or a response cut off halfway)
    // is reported as the timeout it is
    let timedOut: Error | undefined;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(networkError(conn, req, timedOut ?? err));
    };
    const headers = { ...req.headers, ...(req.body !== undefined ? { "Content-Length": String(Buffer.byteLength(req.body)) } : {}) };
    const request = transport.request(req.url, { method: req.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", fail);
      res.on("aborted", () => fail(Object.assign(new Error("the response was cut off"), { code: "ECONNRESET" })));
      res.on("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, text, json: parseJson(text), sentAt, receivedAt: new Date() });
      });
    });
    // the whole exchange, headers and body, within timeoutMs; named like fetch's timeout error
    const timer = setTimeout(() => {
      timedOut = Object.assign(new Error("timed out"), { name: "TimeoutError" });
      request.destroy(timedOut);
    }, req.timeoutMs);
    request.on("error", fail);
    request.end(req.body);
  });
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// Failures that happen before a single byte leaves this process: retrying cannot duplicate a call.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/** Finds the system error code somewhere in the error's cause chain (AggregateError for happy eyeballs). */
function errorCodes(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== "object" || depth > 5) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === "string" ? [e.code] : [];
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => errorCodes(x, depth + 1)) : [];
  return [...own, ...nested, ...errorCodes(e.cause, depth + 1)];
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
}

export function networkError(conn: ConnectionConfig, req: HttpRequest, err: unknown): PlatformError {
  const where = `${req.method} ${req.url.origin}${req.url.pathname}`;
  if (isTimeout(err)) {
    const seconds = req.timeoutMs % 1000 === 0 ? String(req.timeoutMs / 1000) : (req.timeoutMs / 1000).toFixed(1);
    return new PlatformError(
      "network",
      `EnOS did not answer ${connLabel(conn)} within ${seconds} s (${where}). The request may have reached the platform.`,
      { cause: err },
    );
  }
  const codes = errorCodes(err);
  const code = codes.find((c) => NOT_SENT_CODES.has(c));
  if (code) {
    return new PlatformError(
      "network",
      `Could not connect to EnOS for ${connLabel(conn)} (${code} at ${req.url.origin}). Check the endpoint and that the platform is reachable.`,
      { code, notSent: true, cause: err },
    );
  }
  const detail = codes[0] ?? (err instanceof Error ? err.message : String(err));
  return new PlatformError(
    "network",
    `The connection to EnOS broke during a call for ${connLabel(conn)} (${detail}, ${where}). The request may have reached the platform.`,
    { code: codes[0], cause: err },
  );
}
