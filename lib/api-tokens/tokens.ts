import "server-only";
import { batchedSql, prisma } from "../db";
import { authorize } from "../auth/permissions";
import { isRole } from "../auth/config";
import type { CurrentUser } from "../invocations/types";
import { hashToken, looksLikeToken, newToken } from "./secret";

export interface ApiTokenView {
  id: string;
  name: string;
  /** the token's first characters, e.g. "dsc_AbCd1234" */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** More than this many live tokens per person is a sign they are not being revoked. */
const MAX_ACTIVE_TOKENS = 20;
/** lastUsedAt is a hint, not an audit trail: writing it at most once a minute spares a write per API call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export class ApiTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApiTokenError";
  }
}

type Row = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

const toView = (r: Row): ApiTokenView => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

export async function listApiTokens(user: CurrentUser): Promise<ApiTokenView[]> {
  authorize(user, "tokens:manage");
  const rows = await prisma.apiToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
  return rows.map(toView);
}

/** The new token in clear (the only time it exists outside the caller) and its listing. */
export async function createApiToken(user: CurrentUser, name: string): Promise<{ token: string; view: ApiTokenView }> {
  authorize(user, "tokens:manage");
  const active = await prisma.apiToken.count({ where: { userId: user.id, revokedAt: null } });
  if (active >= MAX_ACTIVE_TOKENS) {
    throw new ApiTokenError(`You already have ${active} active tokens. Revoke the ones no longer in use, then create a new one.`);
  }
  const { token, hash, prefix } = newToken();
  const row = await prisma.apiToken.create({ data: { userId: user.id, name, prefix, tokenHash: hash } });
  return { token, view: toView(row) };
}

/** Revokes one of the user's own tokens (an admin may revoke anyone's); revoking twice is harmless. */
export async function revokeApiToken(user: CurrentUser, id: string): Promise<ApiTokenView> {
  authorize(user, "tokens:manage");
  const row = await prisma.apiToken.findUnique({ where: { id } });
  if (!row || (row.userId !== user.id && user.role !== "admin")) throw new ApiTokenError("No such token. It may have been removed.");
  if (row.revokedAt) return toView(row);
  return toView(await prisma.apiToken.update({ where: { id }, data: { revokedAt: new Date() } }));
}

const tokenOwner = batchedSql<{ key: string }, { key: string; tokenId: string; lastUsedAt: Date | null; id: string; email: string; name: string; role: string }>(
  `SELECT k."key", t."id" AS "tokenId", t."lastUsedAt", u."id", u."email", u."name", u."role"::text AS "role"
     FROM jsonb_to_recordset($1::jsonb) AS k("key" text)
     JOIN "api_token" t ON t."tokenHash" = k."key"
     JOIN "user" u ON u."id" = t."userId"
    WHERE t."revokedAt" IS NULL AND NOT u."disabled"`,
);

/** The token's owner as they are now (role included), or null for an unknown or revoked token. */
export async function authenticateApiToken(token: string): Promise<CurrentUser | null> {
  if (!looksLikeToken(token)) return null;
  // every API call runs this: one statement without Prisma's engine, batched with concurrent calls (lib/db.ts)
  const [row] = await tokenOwner({ key: hashToken(token) });
  if (!row || !isRole(row.role)) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: new Date() } });
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
