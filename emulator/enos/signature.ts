// EnOS APIM (v2.x) signing, written from the platform's published rules, independently of the
// console's client code so a bug in one cannot hide in the other.
import { createHash, timingSafeEqual } from "node:crypto";

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** token/get and token/refresh: lowercase hex SHA-256 of appKey + timestamp + appSecret. */
export function tokenEncryption(appKey: string, timestamp: string, appSecret: string): string {
  return sha256Hex(appKey + timestamp + appSecret);
}

/**
 * Every decoded query parameter (action included) sorted by name in byte order, written as
 * name+value with no separators, then the raw body exactly as received.
 * Duplicate names are not specified by the platform: all of them are kept, in arrival order.
 */
export function paramsData(query: URLSearchParams, rawBody: string): string {
  const entries = [...query.entries()];
  // byte order, not UTF-16 order: compare the UTF-8 encodings
  entries.sort((a, b) => Buffer.compare(Buffer.from(a[0], "utf8"), Buffer.from(b[0], "utf8")));
  return entries.map(([k, v]) => k + v).join("") + rawBody;
}

/** apim-signature: lowercase hex SHA-256 of accessToken + paramsData + timestamp + appSecret. */
export function apimSignature(
  accessToken: string,
  query: URLSearchParams,
  rawBody: string,
  timestamp: string,
  appSecret: string,
): string {
  return sha256Hex(accessToken + paramsData(query, rawBody) + timestamp + appSecret);
}

/** Constant-time equality for hex digests (different lengths are simply unequal). */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
