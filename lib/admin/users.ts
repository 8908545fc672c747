// Users, their roles, grants and sessions, for the admin page. Every function authorizes the actor.
import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { authorize, grantFits } from "../auth/permissions";
import type { Role } from "../auth/config";
import { InputValidationError, type CurrentUser } from "../invocations/types";
import { loginThrottleKey } from "../auth/login-throttle";
import { AdminError } from "./admin-error";
import type { GrantInput, UserChange } from "./user-schema";

export interface UserGrantView {
  connectionId: string;
  connectionName: string;
  productKey: string | null;
}

/** A user as the admin page shows it: never the password hash, never session tokens. */
export interface UserView {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  activeSessions: number;
  grants: UserGrantView[];
}

const CREDENTIAL_PROVIDER = "credential";

const userSelect = (now = new Date()) => ({
  id: true,
  name: true,
  email: true,
  role: true,
  disabled: true,
  createdAt: true,
  grants: { select: { connectionId: true, productKey: true, connection: { select: { name: true } } } },
  _count: { select: { sessions: { where: { expiresAt: { gt: now } } } } },
}) satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: ReturnType<typeof userSelect> }>;

function toView(row: UserRow): UserView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    activeSessions: row._count.sessions,
    grants: row.grants
      .map((g) => ({ connectionId: g.connectionId, connectionName: g.connection.name, productKey: g.productKey }))
      .sort((a, b) => a.connectionName.localeCompare(b.connectionName) || (a.productKey ?? "").localeCompare(b.productKey ?? "")),
  };
}

export async function listUsers(actor: CurrentUser): Promise<UserView[]> {
  authorize(actor, "users:manage");
  const rows = await prisma.user.findMany({ select: userSelect(), orderBy: { email: "asc" } });
  return rows.map(toView);
}

async function getUser(id: string): Promise<UserView> {
  const row = await prisma.user.findUnique({ where: { id }, select: userSelect() });
  if (!row) throw new AdminError("No such user. The list may be out of date: reload the page.");
  return toView(row);
}

/** A user who signs in with this email and password (Better Auth's credential account). */
export async function createUser(actor: CurrentUser, input: { name: string; email: string; password: string; role: Role }): Promise<UserView> {
  authorize(actor, "users:manage");
  const id = randomUUID();
  const password = await hashPassword(input.password);
  try {
    await prisma.$transaction([
      prisma.user.create({ data: { id, name: input.name, email: input.email, emailVerified: true, role: input.role } }),
      prisma.account.create({ data: { id: randomUUID(), userId: id, accountId: id, providerId: CREDENTIAL_PROVIDER, password } }),
    ]);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new InputValidationError([{ path: "email", message: "is already used by another user" }]);
    }
    throw error;
  }
  return getUser(id);
}

/**
 * Name, role and enabled state. Disabling ends the user's sessions at once; a role change drops the
 * grants that mean nothing for the new role. An admin cannot lock themselves out, and the last
 * enabled admin stays an enabled admin.
 */
export async function updateUser(actor: CurrentUser, id: string, change: UserChange): Promise<UserView> {
  authorize(actor, "users:manage");
  const target = await getUser(id);
  const losesAdmin = target.role === "admin" && !target.disabled && ((change.role && change.role !== "admin") || change.disabled === true);
  if (losesAdmin && id === actor.id) throw new AdminError("You cannot disable yourself or take away your own admin role. Ask another admin.");
  await prisma.$transaction(async (tx) => {
    if (losesAdmin) await keepAnAdmin(tx, id);
    await tx.user.update({ where: { id }, data: { name: change.name, role: change.role, disabled: change.disabled } });
    if (change.role && change.role !== target.role) await dropUnfitGrants(tx, id, change.role);
    if (change.disabled) await tx.session.deleteMany({ where: { userId: id } });
  });
  return getUser(id);
}

async function keepAnAdmin(tx: Prisma.TransactionClient, leaving: string): Promise<void> {
  // rows locked so two admins demoting each other at once cannot both succeed
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "user" WHERE "role" = 'admin' AND NOT "disabled" ORDER BY "id" FOR UPDATE`;
  if (admins.every((a) => a.id === leaving)) throw new AdminError("This is the last enabled admin. Make another user admin first.");
}

async function dropUnfitGrants(tx: Prisma.TransactionClient, userId: string, role: Role): Promise<void> {
  const grants = await tx.userGrant.findMany({ where: { userId } });
  const unfit = grants.filter((g) => !grantFits(role, g)).map((g) => g.id);
  if (unfit.length) await tx.userGrant.deleteMany({ where: { id: { in: unfit } } });
}

/** Replaces the user's grants: whole connections for engineers, products of connections for product users. */
export async function setUserGrants(actor: CurrentUser, id: string, grants: GrantInput[]): Promise<UserView> {
  authorize(actor, "users:manage");
  const target = await getUser(id);
  const wanted = dedupe(grants);
  const unfit = wanted.findIndex((g) => !grantFits(target.role, g));
  if (unfit >= 0) {
    const hint = target.role === "engineer" ? "engineers are granted whole connections" : target.role === "product" ? "product users are granted products" : `${target.role}s need no grants`;
    throw new InputValidationError([{ path: `grants.${unfit}`, message: `does not fit the role: ${hint}` }]);
  }
  const known = await prisma.connection.count({ where: { id: { in: [...new Set(wanted.map((g) => g.connectionId))] } } });
  if (known !== new Set(wanted.map((g) => g.connectionId)).size) throw new AdminError("A granted connection no longer exists: reload the page.");
  await prisma.$transaction([
    prisma.userGrant.deleteMany({ where: { userId: id } }),
    prisma.userGrant.createMany({ data: wanted.map((g) => ({ userId: id, connectionId: g.connectionId, productKey: g.productKey })) }),
  ]);
  return getUser(id);
}

function dedupe(grants: GrantInput[]): GrantInput[] {
  const seen = new Map<string, GrantInput>();
  for (const g of grants) seen.set(`${g.connectionId}|${g.productKey ?? ""}`, g);
  return [...seen.values()];
}

/** A new password for the user; their sessions end, so whoever had the old one is signed out. */
export async function setUserPassword(actor: CurrentUser, id: string, password: string): Promise<UserView> {
  authorize(actor, "users:manage");
  const target = await getUser(id);
  const hash = await hashPassword(password);
  await prisma.$transaction([
    prisma.account.deleteMany({ where: { userId: id, providerId: CREDENTIAL_PROVIDER } }),
    prisma.account.create({ data: { id: randomUUID(), userId: id, accountId: id, providerId: CREDENTIAL_PROVIDER, password: hash } }),
    prisma.session.deleteMany({ where: { userId: id } }),
    // the new password should work at once, even if someone had locked the account by guessing
    prisma.loginThrottle.deleteMany({ where: { key: loginThrottleKey(target.email) } }),
  ]);
  return getUser(id);
}

/** "Log out everywhere": every session of the user ends, this one included. */
export async function revokeOwnSessions(user: CurrentUser): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId: user.id } });
  return count;
}
