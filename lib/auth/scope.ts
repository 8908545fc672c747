// The grants of a user, loaded from user_grant and applied to every query that reads devices or
// history. Pages, server actions and the HTTP API all call these, so a product user sees the same
// rows in the console as through a token.
import "server-only";
import { cache } from "react";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { CurrentUser } from "../invocations/types";
import {
  accessFrom,
  authorize,
  can,
  canReachConnection,
  canReachProduct,
  OutOfScopeError,
  type Access,
} from "./permissions";

async function load(userId: string, role: CurrentUser["role"]): Promise<Access> {
  if (role === "admin" || role === "manager") return accessFrom(role, []);
  const grants = await prisma.userGrant.findMany({ where: { userId }, select: { connectionId: true, productKey: true } });
  return accessFrom(role, grants);
}

// One load per request in server components (React cache); a plain call elsewhere.
const loadCached = cache(load);

export function loadAccess(user: Pick<CurrentUser, "id" | "role">): Promise<Access> {
  return loadCached(user.id, user.role);
}

export async function canInvokeOn(user: CurrentUser, connectionId: string, productKey: string): Promise<boolean> {
  if (user.role === "manager") return false;
  return canReachProduct(await loadAccess(user), connectionId, productKey);
}

/** Throws ForbiddenError (role) or OutOfScopeError (grants) unless the user may invoke on the product. */
export async function assertCanInvokeOn(user: CurrentUser, connectionId: string, productKey: string): Promise<void> {
  authorize(user, "invoke");
  if (!canReachProduct(await loadAccess(user), connectionId, productKey)) {
    throw new OutOfScopeError(`product ${productKey} on this connection`);
  }
}

/** Throws unless the user may browse devices of the connection (some or all of its products). */
export async function assertCanBrowse(user: CurrentUser, connectionId: string): Promise<Access> {
  authorize(user, "devices:browse");
  const access = await loadAccess(user);
  if (!canReachConnection(access, connectionId)) throw new OutOfScopeError("this connection");
  return access;
}

/** For pages: whether to show the connection at all (a connection out of reach is "not found"). */
export async function canBrowse(user: CurrentUser, connectionId: string): Promise<boolean> {
  return can(user, "devices:browse") && canReachConnection(await loadAccess(user), connectionId);
}

/** Connections a user may open: all for admins (disabled ones too), granted and enabled ones otherwise. */
export async function connectionScope(user: CurrentUser): Promise<Prisma.ConnectionWhereInput> {
  const access = await loadAccess(user);
  if (access.all) return {};
  return { id: { in: [...access.connections.keys()] }, enabled: true };
}

/**
 * The history rows a user may read, as a `where` to AND with any filter. Admins and managers read
 * everything; engineers the invocations on their connections; product users those on their products.
 */
export async function historyScope(user: CurrentUser): Promise<Prisma.InvocationWhereInput> {
  authorize(user, "history:read");
  return historyWhereFor(await loadAccess(user), user.role);
}

export function historyWhereFor(access: Access, role: CurrentUser["role"]): Prisma.InvocationWhereInput {
  if (access.all || role === "manager") return {};
  const or: Prisma.InvocationWhereInput[] = [];
  const whole = [...access.connections].filter(([, p]) => p === "all").map(([id]) => id);
  if (whole.length) or.push({ connectionId: { in: whole } });
  for (const [connectionId, products] of access.connections) {
    if (products !== "all" && products.size) or.push({ connectionId, productKey: { in: [...products] } });
  }
  // no grants: a condition no row meets, rather than an empty OR whose meaning readers must look up
  return or.length ? { OR: or } : { id: { in: [] } };
}
