// APIM access tokens: one current token per app, reused while valid (as the platform does), and
// the record of seen encryptions that makes a replayed token request fail with 1001.

/** Initial lifetime the platform reports in `expire` (seconds). */
export const TOKEN_TTL_S = 7200;
/** The platform does not document its clock-skew limit; the emulator allows 5 minutes each way. */
export const MAX_SKEW_MS = 5 * 60 * 1000;

interface TokenRecord {
  token: string;
  appKey: string;
  expiresAt: number;
}

export type TokenState = { state: "valid"; appKey: string } | { state: "expired"; appKey: string } | { state: "unknown" };

export class TokenStore {
  private readonly byToken = new Map<string, TokenRecord>();
  private readonly currentOf = new Map<string, TokenRecord>();
  private readonly seen = new Map<string, number>();
  readonly stats = { tokenGets: 0, tokenRefreshes: 0 };

  constructor(private readonly makeToken: () => string) {}

  /** The app's current token while it is valid, otherwise a new one. */
  getOrIssue(appKey: string, now: number): { accessToken: string; expire: number } {
    const cur = this.currentOf.get(appKey);
    const rec = cur && cur.expiresAt > now ? cur : this.issue(appKey, now);
    return { accessToken: rec.token, expire: Math.max(0, Math.floor((rec.expiresAt - now) / 1000)) };
  }

  /** A new token replacing `old` (which may have expired); null when `old` is not this app's. */
  refresh(appKey: string, old: string, now: number): { accessToken: string; expire: number } | null {
    const rec = this.byToken.get(old);
    if (!rec || rec.appKey !== appKey) return null;
    this.byToken.delete(old);
    const fresh = this.issue(appKey, now);
    return { accessToken: fresh.token, expire: TOKEN_TTL_S };
  }

  lookup(token: string, now: number): TokenState {
    const rec = this.byToken.get(token);
    if (!rec) return { state: "unknown" };
    return rec.expiresAt > now ? { state: "valid", appKey: rec.appKey } : { state: "expired", appKey: rec.appKey };
  }

  /** Control API: every issued token is now expired (it stays known, so callers get 1203). */
  expireAll(now: number): number {
    for (const rec of this.byToken.values()) rec.expiresAt = Math.min(rec.expiresAt, now);
    return this.byToken.size;
  }

  /** Records a verified (appKey, timestamp, encryption); false when it was seen before. */
  firstUse(key: string, now: number): boolean {
    this.prune(now);
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }

  reset(): void {
    this.byToken.clear();
    this.currentOf.clear();
    this.seen.clear();
    this.stats.tokenGets = 0;
    this.stats.tokenRefreshes = 0;
  }

  private issue(appKey: string, now: number): TokenRecord {
    const rec = { token: this.makeToken(), appKey, expiresAt: now + TOKEN_TTL_S * 1000 };
    this.byToken.set(rec.token, rec);
    this.currentOf.set(appKey, rec);
    return rec;
  }

  // A replayed request older than the skew window already fails on its timestamp.
  private prune(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at > 2 * MAX_SKEW_MS) this.seen.delete(key);
    }
  }
}
