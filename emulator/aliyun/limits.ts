// Gateway-side memory: the per-AccessKey call rate (500 per second, aliyun.md §3.1) and the
// signature nonces seen inside the timestamp window (a replay gets SignatureNonceUsed).

export class RateLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(
    readonly limit = 500,
    /** 1 s as on the platform; the control API may widen it so a slow test machine still lands a burst in one window */
    public windowMs = 1000,
  ) {}

  /** Counts the call and says whether it is within the limit; refused calls are not counted. */
  allow(key: string, now: number): boolean {
    const recent = (this.calls.get(key) ?? []).filter((t) => t > now - this.windowMs);
    const ok = recent.length < this.limit;
    if (ok) recent.push(now);
    this.calls.set(key, recent);
    return ok;
  }

  reset(): void {
    this.calls.clear();
    this.windowMs = 1000;
  }
}

export class NonceStore {
  /** key -> expiry; insertion order is expiry order, so pruning stops at the first live entry */
  private readonly seen = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  /** false when the nonce was used before by this AccessKey. */
  use(accessKeyId: string, nonce: string, now: number): boolean {
    for (const [key, expiry] of this.seen) {
      if (expiry > now) break;
      this.seen.delete(key);
    }
    const key = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now + this.ttlMs);
    return true;
  }

  reset(): void {
    this.seen.clear();
  }
}
