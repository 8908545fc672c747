// Private fetch helper for EnOS APIM v2.1: signs each request, retries once with a new token when
// the gateway says the token expired, and turns transport and auth failures into PlatformErrors.
// Business answers (`code` != 0) are returned to the caller, which knows what they mean.
import type { ConnectionConfig } from "../types";
import { PlatformError } from "../types";
import { codeFix } from "./codes";
import { codeText, connLabel, snippet } from "./errors";
import { JSON_CONTENT_TYPE, buildUrl, sendHttp, type HttpResult } from "./http";
import { authFailureSchema, envelopeSchema, type Envelope } from "./schemas";
import { apimSignature } from "./signature";
import type { EnosTokenManager } from "./token";

export interface EnosCall {
  method: "GET" | "POST";
  path: string;
  query: Record<string, string | number | undefined>;
  /** serialised once; exactly those bytes are signed and sent */
  body?: unknown;
  timeoutMs: number;
}

export interface EnosReply {
  envelope: Envelope;
  httpStatus: number;
  sentAt: Date;
  receivedAt: Date;
}

export async function callEnos(conn: ConnectionConfig, tokens: EnosTokenManager, call: EnosCall): Promise<EnosReply> {
  const query = toSearchParams(call.query);
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const url = buildUrl(conn, call.path, query);
  let token = await tokens.getToken(conn);
  let res = await sendSigned(conn, { call, url, query, body, token });
  // Safe to repeat: a rejected token means the gateway stopped the call before any device saw it.
  if (isStaleToken(res)) {
    tokens.invalidate(conn, token);
    token = await tokens.getToken(conn);
    res = await sendSigned(conn, { call, url, query, body, token });
    if (isStaleToken(res)) {
      tokens.invalidate(conn, token);
      throw staleAfterRefresh(conn, res);
    }
  }
  if (authFailure(res)) {
    // drop the token so the next call starts from a fresh one
    tokens.invalidate(conn, token);
    throw authError(conn, res);
  }
  return { envelope: readEnvelope(conn, call, res), httpStatus: res.status, sentAt: res.sentAt, receivedAt: res.receivedAt };
}

function toSearchParams(query: EnosCall["query"]): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.append(name, String(value));
  }
  return params;
}

interface Signed {
  call: EnosCall;
  url: URL;
  query: URLSearchParams;
  body?: string;
  token: string;
}

function sendSigned(conn: ConnectionConfig, s: Signed): Promise<HttpResult> {
  const timestamp = Date.now();
  const signature = apimSignature({ accessToken: s.token, query: s.query, body: s.body, timestamp, appSecret: conn.secretKey });
  return sendHttp(conn, {
    method: s.call.method,
    url: s.url,
    headers: {
      "apim-accesstoken": s.token,
      "apim-signature": signature,
      "apim-timestamp": String(timestamp),
      "Content-Type": JSON_CONTENT_TYPE,
    },
    body: s.body,
    timeoutMs: s.call.timeoutMs,
  });
}

// Token-service / gateway codes (in `status`, or `code` from the emulator); business codes are 5 digits.
const AUTH_CODES = new Set([401, 1001, 1002, 1003, 1004, 1005, 1202, 1203, 1204]);
/** 1203 = token expired; 401 in the body = token unknown (e.g. the platform forgot it on restart). */
const STALE_TOKEN_CODES = new Set([1203, 401]);

function authCode(res: HttpResult): { code?: number; msg?: string } {
  const parsed = authFailureSchema.safeParse(res.json);
  if (!parsed.success) return {};
  const { status, code, msg, message } = parsed.data;
  const found = [status, code].find((c) => c !== undefined && AUTH_CODES.has(c));
  return { code: found, msg: msg ?? message ?? undefined };
}

function isStaleToken(res: HttpResult): boolean {
  const { code } = authCode(res);
  return code !== undefined && STALE_TOKEN_CODES.has(code) && (code !== 401 || res.status === 401);
}

// A bare 403 comes from the gateway (IP allow-list); a 403 carrying a business envelope (99403)
// is a permission answer for the caller to word.
function authFailure(res: HttpResult): boolean {
  if (res.status === 401 || authCode(res).code !== undefined) return true;
  return res.status === 403 && !envelopeSchema.safeParse(res.json).success;
}

function authError(conn: ConnectionConfig, res: HttpResult): PlatformError {
  const { code, msg } = authCode(res);
  const what = code !== undefined ? codeText(code, msg) : `HTTP ${res.status}: ${msg ?? snippet(res.text, 120)}`;
  // a bare 403 is the gateway's IP allow-list; other codes have their fix in the code table
  const hint = codeFix("gateway", res.status === 403 && code === undefined ? 403 : (code ?? 401)) ?? "Check the access key and secret.";
  return new PlatformError("auth", `EnOS rejected the credentials of ${connLabel(conn)} (${what}). ${hint}`, {
    code: code !== undefined ? String(code) : String(res.status),
    platformMessage: msg,
  });
}

function staleAfterRefresh(conn: ConnectionConfig, res: HttpResult): PlatformError {
  const { code, msg } = authCode(res);
  return new PlatformError(
    "auth",
    `EnOS rejected a freshly issued access token of ${connLabel(conn)} (${codeText(code ?? res.status, msg)}). Check this server's clock and the access key.`,
    { code: String(code ?? res.status), platformMessage: msg },
  );
}

function readEnvelope(conn: ConnectionConfig, call: EnosCall, res: HttpResult): Envelope {
  const parsed = envelopeSchema.safeParse(res.json);
  if (res.status < 500 && parsed.success) return parsed.data;
  const problem =
    res.status === 429
      ? "EnOS is rate-limiting requests"
      : res.status >= 500
        ? `EnOS failed with HTTP ${res.status}`
        : `EnOS answered HTTP ${res.status} with something that is not an API response`;
  const hint = res.status === 429 ? " Wait a moment and try again." : "";
  throw new PlatformError(
    "platform",
    `${problem} (${call.method} ${call.path} for ${connLabel(conn)}): ${snippet(res.text)}${hint}`,
    { code: parsed.success ? String(parsed.data.code) : String(res.status), platformMessage: parsed.data?.msg ?? undefined },
  );
}
