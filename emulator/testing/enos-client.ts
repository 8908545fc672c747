// A minimal EnOS client for the emulator's integration tests. Signing is written here from the
// contract on purpose (not imported from lib/ or from the emulator), so the tests check the
// emulator against the published rules rather than against itself.
import { createHash } from "node:crypto";

export const APP_KEY = "demo-enos-access-key";
export const APP_SECRET = "demo-enos-secret-key";
export const ORG = "o15000000000001";

export interface Reply {
  status: number;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const sha1Upper = (s: string) => createHash("sha1").update(s, "utf8").digest("hex").toUpperCase();

export async function http(base: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? headers : { "content-type": "application/json;charset=UTF-8", ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Reply["body"] };
}

let bump = 0;
/** A fresh ms timestamp per call: the token service refuses a repeated encryption. */
const timestamp = () => String(Date.now() + bump++);

/** v2.1 client: token, then every call signed with apim-signature. */
export class EnosV21 {
  private token = "";
  constructor(private readonly base: string) {}

  async login(): Promise<void> {
    const ts = timestamp();
    const body = JSON.stringify({ appKey: APP_KEY, timestamp: Number(ts), encryption: sha256(APP_KEY + ts + APP_SECRET) });
    const res = await http(this.base, "POST", "/apim-token-service/v2.0/token/get", body);
    this.token = res.body.data.accessToken as string;
  }

  call(method: "GET" | "POST", path: string, params: Record<string, string>, body?: unknown): Promise<Reply> {
    const raw = body === undefined ? "" : JSON.stringify(body);
    const ts = timestamp();
    const paramsData = Object.keys(params).sort().map((k) => k + params[k]).join("") + raw;
    const headers = { "apim-accesstoken": this.token, "apim-timestamp": ts, "apim-signature": sha256(this.token + paramsData + ts + APP_SECRET) };
    return http(this.base, method, `${path}?${new URLSearchParams(params)}`, body === undefined ? undefined : raw, headers);
  }
}

/** The older API's string to sign: accessKey + sorted name+value (minus accessKey/sign) + body + secretKey. */
export function legacyStringToSign(accessKey: string, params: Record<string, string>, body: string, secretKey: string): string {
  const names = Object.keys(params).filter((n) => n !== "accessKey" && n !== "sign").sort();
  return accessKey + names.map((n) => n + params[n]).join("") + body + secretKey;
}

export function legacySign(accessKey: string, params: Record<string, string>, body: string, secretKey: string): string {
  return sha1Upper(legacyStringToSign(accessKey, params, body, secretKey));
}

/** A signed call (PUT unless told) to the older API; `tamper` changes the query after signing. */
export function legacyPut(
  base: string,
  path: string,
  creds: { accessKey: string; secretKey: string },
  params: Record<string, string>,
  body: string,
  tamper?: (q: Record<string, string>) => void,
  method = "PUT",
): Promise<Reply> {
  const signed = { ...params, requestTimestamp: String(Date.now()) };
  const query: Record<string, string> = { accessKey: creds.accessKey, ...signed, sign: legacySign(creds.accessKey, signed, body, creds.secretKey) };
  tamper?.(query);
  return http(base, method, `${path}?${new URLSearchParams(query)}`, method === "GET" ? undefined : body);
}

export function control(base: string, method: string, path: string, body?: unknown): Promise<Reply> {
  return http(base, method, `/_emulator${path}`, body === undefined ? undefined : JSON.stringify(body));
}
