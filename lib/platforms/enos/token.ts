// Access tokens for EnOS APIM: one per (endpoint, access key), shared by every caller in this
// process. Renewal uses token/get again rather than token/refresh: get works whether or not the old
// token is still alive, while refresh needs a live token and adds a failure mode (1204).
import type { ConnectionConfig } from "../types";
import { PlatformError } from "../types";
import { codeFix } from "./codes";
import { codeText, connLabel, snippet } from "./errors";
import { JSON_CONTENT_TYPE, buildUrl, sendHttp, type HttpResult } from "./http";
import { tokenResponseSchema } from "./schemas";
import { tokenEncryption } from "./signature";

export const TOKEN_PATH = "/apim-token-service/v2.0/token/get";

/** Documented initial lifetime, used when the answer omits `expire`. */
const DEFAULT_EXPIRE_S = 7200;

export interface TokenManagerOptions {
  /** clock in epoch ms (tests move it forward) */
  now?: () => number;
  /** renew this long before the platform says the token expires (capped at half its lifetime) */
  renewBeforeMs?: number;
  timeoutMs?: number;
}

interface CachedToken {
  token: string;
  renewAt: number;
}

export class EnosTokenManager {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly now: () => number;
  private readonly renewBeforeMs: number;
  private readonly timeoutMs: number;

  constructor(opts: TokenManagerOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.renewBeforeMs = opts.renewBeforeMs ?? 5 * 60_000;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
  }

  /** A valid token; `fresh` skips the cache (connection tests) but still joins a fetch in flight. */
  async getToken(conn: ConnectionConfig, opts: { fresh?: boolean } = {}): Promise<string> {
    const key = tokenKey(conn);
    const cached = this.cache.get(key);
    if (!opts.fresh && cached && this.now() < cached.renewAt) return cached.token;
    return this.singleFlight(key, conn);
  }

  /**
   * Drops `token` after the platform called it expired. Only the first report of a given token
   * counts: later reports (concurrent calls that used the same token) find it already replaced.
   * Returns whether this call dropped it.
   */
  invalidate(conn: ConnectionConfig, token: string): boolean {
    const key = tokenKey(conn);
    if (this.cache.get(key)?.token !== token) return false;
    this.cache.delete(key);
    return true;
  }

  clear(): void {
    this.cache.clear();
  }

  private singleFlight(key: string, conn: ConnectionConfig): Promise<string> {
    const running = this.inflight.get(key);
    if (running) return running;
    const started = this.now();
    const promise = this.fetchToken(conn)
      .then(({ token, expireS }) => {
        this.cache.set(key, { token, renewAt: this.renewAt(started, expireS) });
        return token;
      })
      .finally(() => {
        if (this.inflight.get(key) === promise) this.inflight.delete(key);
      });
    this.inflight.set(key, promise);
    return promise;
  }

  // Counted from when the request started, so network time only makes us renew earlier.
  private renewAt(started: number, expireS: number): number {
    const lifetime = expireS * 1000;
    return started + lifetime - Math.min(this.renewBeforeMs, lifetime / 2);
  }

  private async fetchToken(conn: ConnectionConfig, retryReplay = true): Promise<{ token: string; expireS: number }> {
    const timestamp = this.now();
    const body = JSON.stringify({
      appKey: conn.accessKey,
      encryption: tokenEncryption(conn.accessKey, timestamp, conn.secretKey),
      timestamp,
    });
    const res = await sendHttp(conn, {
      method: "POST",
      url: buildUrl(conn, TOKEN_PATH),
      headers: { "Content-Type": JSON_CONTENT_TYPE },
      body,
      timeoutMs: this.timeoutMs,
    });
    const parsed = readTokenAnswer(conn, res);
    if ("token" in parsed) return parsed;
    // 1001 = this exact encryption was seen before (same millisecond elsewhere): a new timestamp fixes it
    if (parsed.code === 1001 && retryReplay) {
      await new Promise((r) => setTimeout(r, 5));
      return this.fetchToken(conn, false);
    }
    throw tokenError(conn, parsed.code, parsed.msg);
  }
}

function tokenKey(conn: ConnectionConfig): string {
  return `${conn.endpoint.replace(/\/+$/, "")}\n${conn.accessKey}`;
}

type TokenAnswer = { token: string; expireS: number } | { code: number; msg?: string };

function readTokenAnswer(conn: ConnectionConfig, res: HttpResult): TokenAnswer {
  const parsed = tokenResponseSchema.safeParse(res.json);
  const status = parsed.success ? (parsed.data.status ?? parsed.data.stauts) : undefined;
  if (!parsed.success || status === undefined) {
    throw new PlatformError(
      "platform",
      `The EnOS token service answered ${connLabel(conn)} with HTTP ${res.status} and something unexpected: ${snippet(res.text)}. Check the endpoint.`,
    );
  }
  const { data, msg, submsg } = parsed.data;
  if (status === 0 && data?.accessToken) {
    return { token: data.accessToken, expireS: data.expire ?? DEFAULT_EXPIRE_S };
  }
  if (status === 0) {
    throw new PlatformError("platform", `The EnOS token service answered ${connLabel(conn)} without a token.`);
  }
  return { code: status, msg: [msg, submsg].filter(Boolean).join(" – ") || undefined };
}

export function tokenError(conn: ConnectionConfig, code: number, msg?: string): PlatformError {
  const opts = { code: String(code), platformMessage: msg };
  if (code === 1005) {
    return new PlatformError(
      "platform",
      `The EnOS token service failed for ${connLabel(conn)} (${codeText(code, msg)}). Try again later.`,
      opts,
    );
  }
  const hint = (code === 1001 ? "EnOS took the token request for a replay. " : "") + (codeFix("token", code) ?? "Check the access key and secret.");
  return new PlatformError(
    "auth",
    `EnOS rejected the credentials of ${connLabel(conn)} (${codeText(code, msg)}). ${hint}`,
    opts,
  );
}
