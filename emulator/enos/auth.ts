// The APIM gateway check in front of every v2.1 call: token, timestamp and request signature.
import type { ApiRequest, ApiResponse } from "../http/types";
import type { EnosSeedApp } from "../seed";
import type { EnosCatalog } from "./catalog";
import { authFailure } from "./envelope";
import { apimSignature, sameDigest } from "./signature";
import { MAX_SKEW_MS, type TokenStore } from "./tokens";

const HEADERS = ["apim-accesstoken", "apim-signature", "apim-timestamp"] as const;

function header(req: ApiRequest, name: string): string {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

/** The calling app, or the 401 answer. */
export function authenticate(
  req: ApiRequest,
  store: TokenStore,
  catalog: EnosCatalog,
  now: number,
): { app: EnosSeedApp } | { reject: ApiResponse } {
  for (const name of HEADERS) {
    if (header(req, name) === "") return { reject: authFailure(1202, `required parameter empty: ${name}`) };
  }
  const token = header(req, "apim-accesstoken");
  const state = store.lookup(token, now);
  if (state.state === "unknown") return { reject: authFailure(401, "Invalid authentication credentials") };
  if (state.state === "expired") return { reject: authFailure(1203, "access token expired") };
  const app = catalog.app(state.appKey);
  if (!app) return { reject: authFailure(401, "Invalid authentication credentials") };
  const timestamp = header(req, "apim-timestamp");
  if (!/^\d{1,16}$/.test(timestamp) || Math.abs(Number(timestamp) - now) > MAX_SKEW_MS) {
    return { reject: authFailure(1004, "timestamp expired") };
  }
  const expected = apimSignature(token, req.query, req.body, timestamp, app.secretKey);
  if (!sameDigest(header(req, "apim-signature"), expected)) {
    return { reject: authFailure(1003, "signature does not verify") };
  }
  return { app };
}
