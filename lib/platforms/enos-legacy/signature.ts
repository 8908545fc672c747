// The older EnOS API's query-string signature (enos.md §1b). Pure: unit-tested against both
// published vectors. The docs name MD5 or SHA-256, but both printed results (and the Java SDK's
// default) are SHA-1, so SHA-1 it is.
import { createHash } from "node:crypto";

export interface LegacySignInput {
  accessKey: string;
  secretKey: string;
  /** every query parameter to send; accessKey and sign, if present, are left out of the signature */
  params: Record<string, string> | URLSearchParams;
  /** the body exactly as sent; omit when there is none */
  body?: string;
}

const UNSIGNED = new Set(["accessKey", "sign"]);

function entries(params: LegacySignInput["params"]): [string, string][] {
  return params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
}

/** accessKey + params sorted by name (UTF-8 byte order) as name+value, unencoded + body + secretKey. */
export function legacyStringToSign(input: LegacySignInput): string {
  const sorted = entries(input.params)
    .filter(([name]) => !UNSIGNED.has(name))
    .sort(([a], [b]) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
  return input.accessKey + sorted.map(([name, value]) => name + value).join("") + (input.body ?? "") + input.secretKey;
}

/** `sign`: UPPERCASE hex SHA-1 of the string to sign, 40 characters. */
export function legacySign(input: LegacySignInput): string {
  return createHash("sha1").update(legacyStringToSign(input), "utf8").digest("hex").toUpperCase();
}
