// Private helper for the older EnOS API: signs the query (accessKey, requestTimestamp, sign),
// sends, and turns transport failures, non-API answers and credential refusals into
// PlatformErrors. Other answers go back to the caller, which knows what they mean.
import { buildUrl, JSON_CONTENT_TYPE, sendHttp, type HttpResult } from "../enos/http";
import { codeFix } from "../enos/codes";
import { codeText, connLabel, snippet } from "../enos/errors";
import { PlatformError, type ConnectionConfig } from "../types";
import { legacyEnvelopeSchema, type LegacyEnvelope } from "./schemas";
import { legacySign } from "./signature";

export interface LegacyCall {
  /** full URL prefix up to the API path (see endpoint.ts) */
  base: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  timeoutMs: number;
}

export interface LegacyReply {
  envelope: LegacyEnvelope;
  httpStatus: number;
  sentAt: Date;
  receivedAt: Date;
}

/** 401 unknown key, 497 timestamp or signature, 498 no permission: the credentials' fault. */
const AUTH_STATUSES = new Set([401, 497, 498]);

export async function callLegacy(conn: ConnectionConfig, call: LegacyCall): Promise<LegacyReply> {
  const body = JSON.stringify(call.body);
  const params = { ...call.query, requestTimestamp: String(Date.now()) };
  const sign = legacySign({ accessKey: conn.accessKey, secretKey: conn.secretKey, params, body });
  const query = new URLSearchParams({ accessKey: conn.accessKey, sign, ...params });
  const url = buildUrl({ ...conn, endpoint: call.base }, call.path, query);
  const res = await sendHttp(conn, {
    method: "PUT",
    url,
    headers: { "Content-Type": JSON_CONTENT_TYPE },
    body,
    timeoutMs: call.timeoutMs,
  });
  const envelope = readEnvelope(conn, url, res);
  if (AUTH_STATUSES.has(envelope.status)) throw authError(conn, envelope);
  return { envelope, httpStatus: res.status, sentAt: res.sentAt, receivedAt: res.receivedAt };
}

function readEnvelope(conn: ConnectionConfig, url: URL, res: HttpResult): LegacyEnvelope {
  const parsed = legacyEnvelopeSchema.safeParse(res.json);
  if (parsed.success) return parsed.data;
  const where = `PUT ${url.origin}${url.pathname}`;
  const hint =
    res.status === 404
      ? " Check the endpoint: the older API lives under /dataService (Data Service) or /enosapi/connectService (EnOS Cloud)."
      : "";
  throw new PlatformError(
    "platform",
    `EnOS answered HTTP ${res.status} with something that is not an API response (${where} for ${connLabel(conn)}): ${snippet(res.text)}.${hint}`,
    { code: String(res.status) },
  );
}

function authError(conn: ConnectionConfig, env: LegacyEnvelope): PlatformError {
  const msg = [env.msg, env.submsg].filter(Boolean).join(": ") || undefined;
  const fix = codeFix("legacy", env.status) ?? "Check the access key and secret.";
  return new PlatformError("auth", `EnOS rejected the credentials of ${connLabel(conn)} (${codeText(env.status, msg)}). ${fix}`, {
    code: String(env.status),
    platformMessage: msg,
  });
}
