// Alibaba MQTT device login (aliyun.md §5): clientId `{id}|securemode=3,signmethod=…,timestamp=…|`,
// username `{deviceName}&{productKey}`, password = hex HMAC(deviceSecret, the sorted fields
// "clientId{id}deviceName{dn}productKey{pk}timestamp{ts}"). Simulated devices compute it, the
// embedded broker verifies it.
import { createHmac, timingSafeEqual } from "node:crypto";

export type AliyunSignMethod = "hmacsha1" | "hmacsha256" | "hmacmd5";
const ALGORITHMS: Record<AliyunSignMethod, string> = { hmacsha1: "sha1", hmacsha256: "sha256", hmacmd5: "md5" };

export interface AliyunClientId {
  id: string;
  signMethod: AliyunSignMethod;
  secureMode: string;
  /** absent timestamps are left out of the signed text */
  timestamp?: string;
}

/** Parses `{id}|k=v,k=v|`; null when it is not an Alibaba-style clientId. */
export function parseAliyunClientId(clientId: string): AliyunClientId | null {
  const m = /^([^|]{1,64})\|([^|]*)\|$/.exec(clientId);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const fields = new Map(m[2].split(",").map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)] as const));
  const signMethod = fields.get("signmethod");
  const secureMode = fields.get("securemode");
  if (!signMethod || !Object.hasOwn(ALGORITHMS, signMethod) || !secureMode) return null;
  const timestamp = fields.get("timestamp");
  return { id: m[1], signMethod: signMethod as AliyunSignMethod, secureMode, ...(timestamp ? { timestamp } : {}) };
}

export function aliyunPassword(p: {
  id: string;
  deviceName: string;
  productKey: string;
  timestamp?: string;
  secret: string;
  signMethod: AliyunSignMethod;
}): string {
  const fields: [string, string][] = [
    ["clientId", p.id],
    ["deviceName", p.deviceName],
    ["productKey", p.productKey],
  ];
  if (p.timestamp !== undefined) fields.push(["timestamp", p.timestamp]);
  const content = fields
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => k + v)
    .join("");
  return createHmac(ALGORITHMS[p.signMethod], p.secret).update(content, "utf8").digest("hex");
}

/** What the emulator's simulated devices send: id `{pk}.{dn}`, TCP (securemode 3), hmacsha256. */
export function aliyunDeviceCredentials(productKey: string, deviceName: string, secret: string, now: number) {
  const id = `${productKey}.${deviceName}`;
  const timestamp = String(now);
  return {
    clientId: `${id}|securemode=3,signmethod=hmacsha256,timestamp=${timestamp}|`,
    username: `${deviceName}&${productKey}`,
    password: aliyunPassword({ id, deviceName, productKey, timestamp, secret, signMethod: "hmacsha256" }),
  };
}

/** Verifies a login; hex compared case-insensitively (the docs show upper-case hmacsha1 examples). */
export function verifyAliyunLogin(
  clientId: string,
  username: string | undefined,
  password: string | undefined,
  secretOf: (productKey: string, deviceName: string) => string | undefined,
): { productKey: string; deviceName: string } | null {
  const parsed = parseAliyunClientId(clientId);
  const amp = username?.indexOf("&") ?? -1;
  if (!parsed || !username || password === undefined || amp <= 0) return null;
  const deviceName = username.slice(0, amp);
  const productKey = username.slice(amp + 1);
  const secret = secretOf(productKey, deviceName);
  if (secret === undefined) return null;
  const expected = Buffer.from(aliyunPassword({ ...parsed, deviceName, productKey, secret }), "utf8");
  const given = Buffer.from(password.toLowerCase(), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected) ? { productKey, deviceName } : null;
}
