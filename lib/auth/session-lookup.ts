// The signed-in user behind a request's session cookie, read the way Better Auth's getSession reads
// it, in one query. Every page and server action asks this; going through Better Auth's endpoint
// machinery (Web Crypto, two cookie reads, its adapter layers) cost about a millisecond of CPU per
// call on the invoke path. Better Auth stays the one that issues, refreshes and revokes sessions:
// this only verifies a cookie it signed, with its own secret and cookie name.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { batchedSql } from "../db";
import type { CurrentUser } from "../invocations/types";
import { getAuth } from "./auth";
import { isRole } from "./config";

interface CookieSettings {
  name: string;
  secret: string;
}

let settings: Promise<CookieSettings> | undefined;

function cookieSettings(): Promise<CookieSettings> {
  settings ??= getAuth().$context.then((ctx) => ({ name: ctx.authCookies.sessionToken.name, secret: ctx.secret }));
  return settings;
}

/** The first value of a cookie in a Cookie header, URL-decoded when it can be (as Better Auth reads it). */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

/**
 * The session token from a signed cookie value `<token>.<base64 HMAC-SHA256(secret, token)>`, or
 * null when the signature does not match.
 */
export function verifySignedValue(value: string, secret: string): string | null {
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith("=")) return null;
  const expected = createHmac("sha256", secret).update(token).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

// every server action runs this: one statement without Prisma's engine, batched with concurrent
// calls (lib/db.ts). "expiresAt" is a timestamp without time zone that Prisma writes in UTC.
const sessionUser = batchedSql<{ key: string }, { key: string; id: string; email: string; name: string; role: string; disabled: boolean }>(
  `SELECT k."key", u."id", u."email", u."name", u."role"::text AS "role", u."disabled"
     FROM jsonb_to_recordset($1::jsonb) AS k("key" text)
     JOIN "session" s ON s."token" = k."key"
     JOIN "user" u ON u."id" = s."userId"
    WHERE s."expiresAt" > (now() AT TIME ZONE 'UTC')`,
);

/** The user of a live session named by the request's cookie; null when absent, forged, expired, revoked or disabled. */
export async function userFromSessionCookie(cookieHeader: string | null): Promise<CurrentUser | null> {
  const { name, secret } = await cookieSettings();
  const value = readCookie(cookieHeader, name);
  const token = value ? verifySignedValue(value, secret) : null;
  if (!token) return null;
  const [user] = await sessionUser({ key: token });
  // disabling revokes the sessions too; this covers a request already under way at that moment
  if (!user || user.disabled || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
