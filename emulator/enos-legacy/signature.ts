// The older EnOS API's query-string signature (enos.md §1b), written from the published rules and
// independent of the console's implementation: a shared bug would otherwise pass every test.
import { createHash } from "node:crypto";

/** Query parameters that are not signed: the key itself and the signature. */
const UNSIGNED = new Set(["accessKey", "sign"]);

/**
 * accessKey + every other query parameter sorted by name (byte order), written name+value with
 * decoded values, + the raw body + secretKey. Duplicate names are kept in arrival order.
 */
export function legacyStringToSign(accessKey: string, query: URLSearchParams, body: string, secretKey: string): string {
  const entries = [...query.entries()].filter(([name]) => !UNSIGNED.has(name));
  entries.sort((a, b) => Buffer.compare(Buffer.from(a[0], "utf8"), Buffer.from(b[0], "utf8")));
  return accessKey + entries.map(([k, v]) => k + v).join("") + body + secretKey;
}

/** `sign`: UPPERCASE hex SHA-1 of the string to sign (40 characters). */
export function legacySign(accessKey: string, query: URLSearchParams, body: string, secretKey: string): string {
  return createHash("sha1").update(legacyStringToSign(accessKey, query, body, secretKey), "utf8").digest("hex").toUpperCase();
}
