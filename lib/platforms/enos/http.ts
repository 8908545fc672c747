// The one place where EnOS HTTP requests leave this process: timeouts, network-error mapping and
// body reading. Signing and token handling live above it (client.ts, token.ts).
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

export async function sendHttp(conn: ConnectionConfig, req: HttpRequest): Promise<HttpResult> {
  const sentAt = new Date();
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, text, json: parseJson(text), sentAt, receivedAt: new Date() };
  } catch (err) {
    throw networkError(conn, req, err);
  }
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

/** Finds the system error code somewhere in undici's cause chain (AggregateError for happy eyeballs). */
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
