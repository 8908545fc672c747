// Sealing of connection secrets at rest (AES-256-GCM). The format is versioned so the algorithm or
// key can change later without guessing what an old value is: `v1:<iv b64>:<tag b64>:<ct b64>`.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env as processEnv, parseEnv, type Env, type EnvSource } from "../env";

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class UnsealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsealError";
  }
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`The sealing key must be ${KEY_BYTES} bytes, got ${key.length}.`);
}

export function seal(plaintext: string, key: Buffer): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  // The version is authenticated too, so it cannot be swapped without failing the tag check.
  cipher.setAAD(Buffer.from(VERSION));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ct].map((p) => (typeof p === "string" ? p : p.toString("base64"))).join(":");
}

export function unseal(sealed: string, key: Buffer): string {
  checkKey(key);
  const [version, iv, tag, ct, ...rest] = sealed.split(":");
  if (version !== VERSION || iv === undefined || tag === undefined || ct === undefined || rest.length) {
    throw new UnsealError(`Not a sealed secret in the ${VERSION}:<iv>:<tag>:<ciphertext> format.`);
  }
  const ivBytes = Buffer.from(iv, "base64");
  const tagBytes = Buffer.from(tag, "base64");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
    throw new UnsealError("Sealed secret is malformed (bad IV or tag length).");
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(version));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new UnsealError(
      "Could not unseal a stored secret: CONSOLE_SECRET_KEY differs from the key it was sealed with, or the value was altered. " +
        "Restore the original key, or re-enter the connection's secret.",
    );
  }
}

export const DEFAULT_KEY_FILE = ".data/secret.key";

export interface LoadSecretKeyOptions {
  /** Defaults to `process.env`. */
  env?: EnvSource;
  /** Where a development key is kept; defaults to `.data/secret.key` in the working directory. */
  keyFile?: string;
}

let cachedKey: Buffer | undefined;

/**
 * CONSOLE_SECRET_KEY when set. Otherwise, outside production, a key kept in `.data/secret.key`
 * (created on first use) so a fresh clone works without configuration.
 */
export function loadSecretKey(opts: LoadSecretKeyOptions = {}): Buffer {
  const useCache = opts.env === undefined && opts.keyFile === undefined;
  if (useCache && cachedKey) return cachedKey;
  const key = resolveKey(opts.env ? parseEnv(opts.env) : processEnv(), path.resolve(/*turbopackIgnore: true*/ opts.keyFile ?? DEFAULT_KEY_FILE));
  if (useCache) cachedKey = key;
  return key;
}

function resolveKey(env: Env, keyFile: string): Buffer {
  if (env.CONSOLE_SECRET_KEY) return env.CONSOLE_SECRET_KEY;
  if (env.NODE_ENV === "production") {
    throw new Error(
      "CONSOLE_SECRET_KEY is not set. In production the key that seals connection secrets must be configured: " +
        "generate one with `openssl rand -base64 32`, keep it safe (losing it makes stored secrets unreadable) " +
        "and set CONSOLE_SECRET_KEY to it.",
    );
  }
  return readOrCreateKeyFile(keyFile);
}

function readOrCreateKeyFile(keyFile: string): Buffer {
  try {
    return decodeKeyFile(keyFile, readFileSync(keyFile, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(path.dirname(keyFile), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  try {
    // "wx": when two processes start at once, the second one reads the first one's key.
    writeFileSync(keyFile, `${key.toString("base64")}\n`, { flag: "wx", mode: 0o600 });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return decodeKeyFile(keyFile, readFileSync(keyFile, "utf8"));
  }
}

function decodeKeyFile(keyFile: string, text: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== KEY_BYTES) {
    throw new Error(
      `${keyFile} does not hold a ${KEY_BYTES}-byte base64 key. Restore it, or set CONSOLE_SECRET_KEY; ` +
        "deleting it creates a new key, and connection secrets sealed with the old one must then be re-entered.",
    );
  }
  return key;
}
