// EnOS MQTT device login ("secret" mode): the simulated devices compute it, the embedded broker
// verifies it. Rules from the EnOS device-connection reference.
import { createHash } from "node:crypto";

export type SignMethod = "sha256" | "sha1" | "hmacsha1" | "md5";

export interface ParsedClientId {
  id: string;
  secureMode: number;
  signMethod: SignMethod;
  timestamp: string;
}

const CLIENT_ID_RE = /^([^|]{1,64})\|securemode=(\d),signmethod=(sha256|sha1|hmacsha1|md5),timestamp=(\d+)\|$/;

export function parseClientId(clientId: string): ParsedClientId | null {
  const m = CLIENT_ID_RE.exec(clientId);
  if (!m) return null;
  const [, id, mode, method, ts] = m;
  if (id === undefined || mode === undefined || method === undefined || ts === undefined) return null;
  return { id, secureMode: Number(mode), signMethod: method as SignMethod, timestamp: ts };
}

/**
 * UPPER hex of H("clientId"+id + "deviceKey"+dk + "productKey"+pk + "timestamp"+ts + secret).
 * "hmacsha1" is a plain SHA-1: the Java SDK declares hmacsha1 but computes SHA-1, and the
 * platform accepts what the SDKs send.
 */
export function loginPassword(p: {
  id: string;
  deviceKey: string;
  productKey: string;
  timestamp: string;
  secret: string;
  signMethod?: SignMethod;
}): string {
  const method = p.signMethod ?? "sha256";
  const algorithm = method === "hmacsha1" ? "sha1" : method;
  const text = `clientId${p.id}deviceKey${p.deviceKey}productKey${p.productKey}timestamp${p.timestamp}${p.secret}`;
  return createHash(algorithm).update(text, "utf8").digest("hex").toUpperCase();
}

export interface DeviceCredentials {
  clientId: string;
  username: string;
  password: string;
}

/** What a device built on the Node SDK sends: id = deviceKey, secure mode 2, sha256. */
export function deviceCredentials(productKey: string, deviceKey: string, secret: string, now: number): DeviceCredentials {
  const timestamp = String(now);
  return {
    clientId: `${deviceKey}|securemode=2,signmethod=sha256,timestamp=${timestamp}|`,
    username: `${deviceKey}&${productKey}`,
    password: loginPassword({ id: deviceKey, deviceKey, productKey, timestamp, secret }),
  };
}

/**
 * Verifies a login in secure mode 2 (static device secret). Mode 3 (dynamic activation with the
 * product secret) is not emulated: the seed has no product secrets. Returns the device's keys.
 */
export function verifyLogin(
  clientId: string,
  username: string | undefined,
  password: string | undefined,
  secretOf: (productKey: string, deviceKey: string) => string | undefined,
): { productKey: string; deviceKey: string } | null {
  const parsed = parseClientId(clientId);
  if (!parsed || parsed.secureMode !== 2 || !username || password === undefined) return null;
  const amp = username.indexOf("&");
  if (amp <= 0) return null;
  const deviceKey = username.slice(0, amp);
  const productKey = username.slice(amp + 1);
  const secret = secretOf(productKey, deviceKey);
  if (secret === undefined) return null;
  const expected = loginPassword({ ...parsed, deviceKey, productKey, secret });
  return password === expected ? { productKey, deviceKey } : null;
}
