// apim-token-service v2.0: token/get and token/refresh. Errors are HTTP 200 with the code in
// `status`, as the platform answers them.
import type { ApiRequest, ApiResponse } from "../http/types";
import type { EnosCatalog } from "./catalog";
import { isPlainObject } from "./input-check";
import { sameDigest, tokenEncryption } from "./signature";
import { MAX_SKEW_MS, type TokenStore } from "./tokens";

const BUSINESS = "apim-token-service";

class TokenError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function answer(status: number, msg: string, data: unknown): ApiResponse {
  return { status: 200, body: { status, msg, business: BUSINESS, data } };
}

export function createTokenApi(store: TokenStore, catalog: EnosCatalog, now: () => number) {
  const run = (req: ApiRequest, refresh: boolean): ApiResponse => {
    try {
      const body = parseBody(req.body);
      const fields = requireFields(body, refresh ? ["appKey", "encryption", "timestamp", "accessToken"] : ["appKey", "encryption", "timestamp"]);
      const appKey = fields.appKey as string;
      const app = catalog.app(appKey);
      if (!app) throw new TokenError(1002, `appKey does not exist: ${appKey}`);
      const timestamp = checkTimestamp(fields.timestamp, now());
      const expected = tokenEncryption(appKey, timestamp, app.secretKey);
      if (!sameDigest(String(fields.encryption), expected)) throw new TokenError(1003, "encryption does not verify");
      if (!store.firstUse(`${appKey}|${timestamp}|${expected}`, now())) {
        throw new TokenError(1001, "duplicate encryption: use a fresh timestamp");
      }
      const data = refresh ? store.refresh(appKey, String(fields.accessToken), now()) : store.getOrIssue(appKey, now());
      if (!data) throw new TokenError(1204, "token refresh failed: unknown accessToken");
      return answer(0, "SUCCESS", data);
    } catch (e) {
      if (e instanceof TokenError) return answer(e.status, e.message, null);
      throw e;
    }
  };
  return {
    get: async (req: ApiRequest) => {
      store.stats.tokenGets++;
      return run(req, false);
    },
    refresh: async (req: ApiRequest) => {
      store.stats.tokenRefreshes++;
      return run(req, true);
    },
  };
}

function parseBody(raw: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isPlainObject(parsed)) return parsed;
  } catch {
    // fall through
  }
  throw new TokenError(1004, "bad parameter: the body must be a JSON object");
}

function requireFields(body: Record<string, unknown>, names: string[]): Record<string, unknown> {
  for (const name of names) {
    const v = body[name];
    if (v === undefined || v === null || v === "") throw new TokenError(1202, `required parameter empty: ${name}`);
  }
  return body;
}

/** Epoch ms as a number or a numeric string (both are sent in the wild); returns its digits. */
function checkTimestamp(v: unknown, now: number): string {
  const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
  if (!/^\d{1,16}$/.test(text)) throw new TokenError(1004, "bad parameter: timestamp must be epoch milliseconds");
  if (Math.abs(Number(text) - now) > MAX_SKEW_MS) {
    throw new TokenError(1004, "bad parameter: timestamp is more than 5 minutes away from the server time");
  }
  return text;
}
