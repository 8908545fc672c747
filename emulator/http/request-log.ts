// Every request a platform API received (control calls excluded), so tests can assert exactly
// what the console sent. One sequence across platforms; each port lists its own platform's.
import type { ApiRequest, PlatformName } from "./types";

export interface LoggedRequest {
  seq: number;
  /** ISO-8601 time the request arrived */
  at: string;
  platform: PlatformName;
  method: string;
  path: string;
  /** decoded query parameters (a repeated name keeps its last value) */
  query: Record<string, string>;
  /** header names lowercased; repeated headers joined with ", " */
  headers: Record<string, string>;
  /** the raw body as received ("" when none) */
  body: string;
}

// Bounded so a long-running demo does not grow without limit.
const MAX_ENTRIES = 5000;

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  add(platform: PlatformName, req: ApiRequest): LoggedRequest {
    const entry: LoggedRequest = {
      seq: ++this.seq,
      at: new Date(req.receivedAt).toISOString(),
      platform,
      method: req.method,
      path: req.path,
      query: Object.fromEntries(req.query.entries()),
      headers: flattenHeaders(req.headers),
      body: req.body,
    };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  /** Entries of one platform with seq greater than `since`. */
  list(platform: PlatformName, since = 0): LoggedRequest[] {
    return this.entries.filter((e) => e.platform === platform && e.seq > since);
  }

  /** Drops one platform's entries, or all. The sequence keeps counting so `since` stays valid. */
  clear(platform?: PlatformName): void {
    this.entries = platform ? this.entries.filter((e) => e.platform !== platform) : [];
  }
}

function flattenHeaders(headers: ApiRequest["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}
