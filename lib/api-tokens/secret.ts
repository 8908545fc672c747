// Personal API tokens: 32 random bytes behind a recognisable prefix (so secret scanners and people
// can tell what leaked), stored only as a sha256 hash. A slow hash buys nothing here: the token
// has 256 bits of entropy, unlike a password.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "dsc_";
const TOKEN_SHAPE = /^dsc_[A-Za-z0-9_-]{43}$/;
/** How much of the token is kept in clear so its owner can tell tokens apart. */
const SHOWN_CHARS = TOKEN_PREFIX.length + 8;

export interface NewToken {
  /** shown once, never stored */
  token: string;
  hash: string;
  prefix: string;
}

export function newToken(): NewToken {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), prefix: token.slice(0, SHOWN_CHARS) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
