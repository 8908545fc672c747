// Alibaba Cloud POP request signatures, as the gateway computes them: V1 (HMAC-SHA1 over the
// canonicalised parameters, `Signature` in the query) and V3 (ACS3-HMAC-SHA256 over a canonical
// request, `Authorization` header). Pure functions; the emulator's own implementation, written
// from the published rules rather than shared with the console.
import { createHash, createHmac } from "node:crypto";

/** RFC 3986 percent-encoding of UTF-8: only A-Z a-z 0-9 - _ . ~ stay; space is %20, `*` is %2A. */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export type ParamList = readonly (readonly [string, string])[];

/** Byte order of the encoded names: they are ASCII after encoding, so code-unit order is byte order. */
const byName = (a: readonly [string, string], b: readonly [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** V1 CanonicalizedQueryString: encoded `name=value` pairs sorted by encoded name, joined by `&`. */
export function v1CanonicalQuery(params: ParamList): string {
  return params
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(byName)
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

export function v1StringToSign(method: string, params: ParamList): string {
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(v1CanonicalQuery(params))}`;
}

/** Base64 HMAC-SHA1 keyed with secret + "&"; `params` exclude `Signature` itself. */
export function v1Signature(method: string, params: ParamList, secret: string): string {
  return createHmac("sha1", `${secret}&`).update(v1StringToSign(method, params), "utf8").digest("base64");
}

export const V3_ALGORITHM = "ACS3-HMAC-SHA256";

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export interface V3Input {
  method: string;
  /** decoded query parameters */
  query: ParamList;
  /** lower-case header name -> value, as received */
  headers: Readonly<Record<string, string>>;
  /** names from the Authorization header, in its order */
  signedHeaders: readonly string[];
  hashedPayload: string;
}

/** V3 CanonicalQueryString: params sorted by name, `name=enc(value)`, joined by `&`. */
export function v3CanonicalQuery(query: ParamList): string {
  return [...query]
    .sort(byName)
    .map(([k, v]) => `${k}=${percentEncode(v)}`)
    .join("&");
}

export function v3CanonicalRequest(input: V3Input): string {
  const names = [...input.signedHeaders].map((h) => h.toLowerCase());
  const headerBlock = names.map((h) => `${h}:${(input.headers[h] ?? "").trim()}\n`).join("");
  return [input.method.toUpperCase(), "/", v3CanonicalQuery(input.query), headerBlock, names.join(";"), input.hashedPayload].join("\n");
}

/** Lower-case hex HMAC-SHA256 keyed with the bare secret (no "&"). */
export function v3Signature(input: V3Input, secret: string): string {
  const stringToSign = `${V3_ALGORITHM}\n${sha256Hex(v3CanonicalRequest(input))}`;
  return createHmac("sha256", secret).update(stringToSign, "utf8").digest("hex");
}

export interface ParsedAuthorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`; null when malformed. */
export function parseAuthorization(header: string): ParsedAuthorization | null {
  const prefix = `${V3_ALGORITHM} `;
  if (!header.startsWith(prefix)) return null;
  const fields = new Map<string, string>();
  for (const part of header.slice(prefix.length).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get("Credential");
  const signed = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!accessKeyId || !signed || !signature) return null;
  return { accessKeyId, signedHeaders: signed.split(";").filter(Boolean), signature };
}
