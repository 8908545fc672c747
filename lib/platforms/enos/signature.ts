// EnOS APIM (v2.1) signing. Pure functions: no secrets are stored here, so tests, scripts and the
// adapter share one implementation.
import { createHash } from "node:crypto";

export function sha256Hex(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

/** Token-service `encryption`: lowercase hex SHA-256 of appKey + timestamp (decimal digits) + appSecret. */
export function tokenEncryption(appKey: string, timestamp: number | string, appSecret: string): string {
  return sha256Hex(`${appKey}${timestamp}${appSecret}`);
}

export type SignableQuery = Record<string, string> | URLSearchParams;

export interface ApimSignatureInput {
  accessToken: string;
  query: SignableQuery;
  /** the request body exactly as it goes on the wire; omit for requests without a body */
  body?: string;
  timestamp: number | string;
  appSecret: string;
}

function queryEntries(query: SignableQuery): [string, string][] {
  return query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
}

// The gateway sorts names by bytes; JS string comparison works on UTF-16 units, which differs
// for characters outside the BMP, so compare UTF-8 bytes. The sort is stable, which keeps the
// order of duplicate names (the contract leaves duplicates unspecified).
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** `paramsData`: decoded query parameters sorted by name, name+value concatenated, then the raw body. */
export function apimParamsData(query: SignableQuery, body?: string): string {
  const sorted = queryEntries(query).sort(([a], [b]) => byteOrder(a, b));
  return sorted.map(([name, value]) => name + value).join("") + (body ?? "");
}

/** `apim-signature`: lowercase hex SHA-256 of accessToken + paramsData + timestamp + appSecret. */
export function apimSignature(input: ApimSignatureInput): string {
  const paramsData = apimParamsData(input.query, input.body);
  return sha256Hex(`${input.accessToken}${paramsData}${input.timestamp}${input.appSecret}`);
}
