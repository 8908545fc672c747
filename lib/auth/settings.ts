import "server-only";
import { hkdfSync } from "node:crypto";
import { loadSecretKey } from "../crypto/seal";
import type { Env } from "../env";

export const SESSION_EXPIRES_IN_S = 12 * 60 * 60;
export const SESSION_UPDATE_AGE_S = 60 * 60;

/**
 * BETTER_AUTH_SECRET when set; otherwise derived from the key that seals connection secrets
 * (CONSOLE_SECRET_KEY, or outside production the generated `.data/secret.key`), so one secret
 * is enough to run the console and a fresh clone needs none.
 */
export function authSecret(e: Env): string {
  if (e.BETTER_AUTH_SECRET) return e.BETTER_AUTH_SECRET;
  let key: Buffer;
  try {
    key = loadSecretKey();
  } catch (error) {
    throw new Error(
      "No auth secret: set BETTER_AUTH_SECRET (at least 32 random characters), or CONSOLE_SECRET_KEY from which it is derived. " +
        (error instanceof Error ? error.message : ""),
      { cause: error },
    );
  }
  return Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), "device-service-console/better-auth-secret", 32)).toString("base64url");
}

export function authBaseUrl(e: Env): string {
  return e.BETTER_AUTH_URL ?? `http://localhost:${e.PORT}`;
}

/** The base URL's origin plus localhost and 127.0.0.1 on the same port. */
export function trustedOrigins(e: Env): string[] {
  const base = new URL(authBaseUrl(e));
  const port = base.port || String(e.PORT);
  return [...new Set([base.origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`])];
}
