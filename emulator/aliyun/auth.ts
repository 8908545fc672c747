// The POP gateway's authentication (aliyun.md §2): V3 when an `Authorization: ACS3-HMAC-SHA256 …`
// header is present, V1 otherwise. Key, timestamp (±15 min), signature, then nonce; every failure
// is a GatewayError with the platform's code.
import type { IncomingHttpHeaders } from "node:http";
import type { ApiRequest } from "../http/types";
import type { AliyunAccount, AliyunCatalog } from "./catalog";
import { GatewayError } from "./envelope";
import type { NonceStore } from "./limits";
import type { Params } from "./params";
import { parseAuthorization, sha256Hex, V3_ALGORITHM, v1Signature, v1StringToSign, v3CanonicalRequest, v3Signature, type ParamList } from "./signature";

export const MAX_SKEW_MS = 15 * 60_000;
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** Headers the emulator acts on: a V3 request must sign them, or they could be swapped in transit. */
const MUST_SIGN = ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce"];

export interface AuthDeps {
  catalog: AliyunCatalog;
  nonces: NonceStore;
  now: number;
}

export function authenticate(req: ApiRequest, params: Params, deps: AuthDeps): AliyunAccount {
  const authorization = header(req.headers, "authorization");
  return authorization?.startsWith("ACS3-") ? verifyV3(req, authorization, deps) : verifyV1(req, params, deps);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

function accountOf(deps: AuthDeps, accessKeyId: string): AliyunAccount {
  const account = deps.catalog.account(accessKeyId);
  if (!account) throw new GatewayError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  return account;
}

function checkTimestamp(value: string, now: number, name: string): void {
  const t = TIMESTAMP_RE.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) {
    throw new GatewayError(400, "InvalidTimeStamp.Format", `Specified ${name} is not in the UTC format yyyy-MM-ddTHH:mm:ssZ: ${value}`);
  }
  if (Math.abs(now - t) > MAX_SKEW_MS) {
    throw new GatewayError(400, "InvalidTimeStamp.Expired", `Specified time stamp or date value is expired (${value}; the server time is ${new Date(now).toISOString()}).`);
  }
}

function spendNonce(deps: AuthDeps, accessKeyId: string, nonce: string): void {
  if (!deps.nonces.use(accessKeyId, nonce, deps.now)) {
    throw new GatewayError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  }
}

function verifyV1(req: ApiRequest, params: Params, deps: AuthDeps): AliyunAccount {
  const account = accountOf(deps, params.require("AccessKeyId"));
  const method = params.require("SignatureMethod");
  const version = params.require("SignatureVersion");
  if (method !== "HMAC-SHA1" || version !== "1.0") {
    throw new GatewayError(400, "SignatureDoesNotMatch", `Specified signature method ${method} ${version} is not supported; use HMAC-SHA1 1.0.`);
  }
  const nonce = params.require("SignatureNonce");
  checkTimestamp(params.require("Timestamp"), deps.now, "Timestamp");
  const given = params.require("Signature");
  const signed: ParamList = params.list.filter(([k]) => k !== "Signature");
  if (v1Signature(req.method, signed, account.accessKeySecret) !== given) {
    throw new GatewayError(
      400,
      "SignatureDoesNotMatch",
      `Specified signature is not matched with our calculation. server string to sign is:${v1StringToSign(req.method, signed)}`,
    );
  }
  spendNonce(deps, account.accessKeyId, nonce);
  return account;
}

function verifyV3(req: ApiRequest, authorization: string, deps: AuthDeps): AliyunAccount {
  const auth = parseAuthorization(authorization);
  if (!auth) {
    throw new GatewayError(400, "SignatureDoesNotMatch", `The Authorization header is not "${V3_ALGORITHM} Credential=…,SignedHeaders=…,Signature=…".`);
  }
  const account = accountOf(deps, auth.accessKeyId);
  const headers: Record<string, string> = {};
  for (const name of Object.keys(req.headers)) headers[name] = header(req.headers, name) ?? "";
  for (const name of MUST_SIGN) {
    if (!headers[name]) throw new GatewayError(400, "MissingParameter", `The ${name} header is mandatory for ${V3_ALGORITHM}.`);
    if (!auth.signedHeaders.includes(name)) throw new GatewayError(400, "SignatureDoesNotMatch", `The ${name} header must be signed (SignedHeaders).`);
  }
  checkTimestamp(headers["x-acs-date"] ?? "", deps.now, "x-acs-date");
  const hashedPayload = sha256Hex(req.body);
  const declared = headers["x-acs-content-sha256"];
  if (declared !== undefined && declared !== hashedPayload) {
    throw new GatewayError(400, "SignatureDoesNotMatch", "x-acs-content-sha256 does not match the request body.");
  }
  // the query as received, decoded, and re-encoded by the verifier (clients leave *!'() raw)
  const input = { method: req.method, query: [...req.query.entries()], headers, signedHeaders: auth.signedHeaders, hashedPayload };
  if (v3Signature(input, account.accessKeySecret) !== auth.signature) {
    throw new GatewayError(
      400,
      "SignatureDoesNotMatch",
      `Specified signature is not matched with our calculation. server canonical request is:${v3CanonicalRequest(input)}`,
    );
  }
  spendNonce(deps, account.accessKeyId, headers["x-acs-signature-nonce"] ?? "");
  return account;
}

/** Action and Version: V3 carries them in headers, V1 in parameters. */
export function routeOf(req: ApiRequest, params: Params): { action?: string; version?: string } {
  return {
    action: header(req.headers, "x-acs-action") || params.get("Action"),
    version: header(req.headers, "x-acs-version") || params.get("Version"),
  };
}

