// What each role may do, and on what. Every server action, route handler and API endpoint asks here,
// so the rules live in one place (the UI only hides what these deny). Pure: no database; the grants
// a user holds are loaded by lib/auth/scope.ts and judged by the functions below.
import type { CurrentUser } from "../invocations/types";

export type Capability =
  | "devices:browse"
  | "invoke"
  | "history:read"
  | "history:export"
  | "presets:write"
  | "tokens:manage"
  | "connections:manage"
  | "services:configure"
  | "users:manage";

const ROLE_CAPABILITIES: Record<CurrentUser["role"], ReadonlySet<Capability>> = {
  admin: new Set<Capability>([
    "devices:browse",
    "invoke",
    "history:read",
    "history:export",
    "presets:write",
    "tokens:manage",
    "connections:manage",
    "services:configure",
    "users:manage",
  ]),
  engineer: new Set<Capability>(["devices:browse", "invoke", "history:read", "history:export", "presets:write", "tokens:manage"]),
  product: new Set<Capability>(["devices:browse", "invoke", "history:read", "history:export", "presets:write", "tokens:manage"]),
  manager: new Set<Capability>(["history:read", "history:export", "tokens:manage"]),
};

export function can(user: Pick<CurrentUser, "role">, capability: Capability): boolean {
  return ROLE_CAPABILITIES[user.role]?.has(capability) ?? false;
}

export class ForbiddenError extends Error {
  readonly capability: Capability;
  constructor(capability: Capability, role: string) {
    super(`Your role (${role}) does not allow this (${capability}). Ask an admin if you need it.`);
    this.name = "ForbiddenError";
    this.capability = capability;
  }
}

/** Throws ForbiddenError unless the user's role has the capability. */
export function authorize(user: Pick<CurrentUser, "role">, capability: Capability): void {
  if (!can(user, capability)) throw new ForbiddenError(capability, user.role);
}

// ---- Scope: which connections and products a user works on ----

/** One row of user_grant: a whole connection (productKey null) or one product of it. */
export interface Grant {
  connectionId: string;
  productKey: string | null;
}

/** Per connection: every product ("all") or the listed product keys. */
export type Access = { all: true } | { all: false; connections: ReadonlyMap<string, "all" | ReadonlySet<string>> };

/**
 * What a role makes of its grants. Admins reach everything; managers reach no device (they read
 * history only); engineers work on whole connections (grants without a product); product users only
 * on the products named in their grants. A grant of the other kind counts for nothing, so a stale
 * row left from an earlier role can never widen anyone's reach.
 */
export function accessFrom(role: CurrentUser["role"], grants: readonly Grant[]): Access {
  if (role === "admin") return { all: true };
  const connections = new Map<string, "all" | Set<string>>();
  if (role === "manager") return { all: false, connections };
  for (const g of grants) {
    if (role === "engineer" && g.productKey === null) connections.set(g.connectionId, "all");
    if (role === "product" && g.productKey !== null) {
      const products = connections.get(g.connectionId);
      connections.set(g.connectionId, (products instanceof Set ? products : new Set<string>()).add(g.productKey));
    }
  }
  return { all: false, connections };
}

/** The grant rows a role can use: what the admin page keeps when a role changes. */
export function grantFits(role: CurrentUser["role"], grant: Grant): boolean {
  if (role === "engineer") return grant.productKey === null;
  if (role === "product") return grant.productKey !== null;
  return false;
}

export function canReachConnection(access: Access, connectionId: string): boolean {
  return access.all || access.connections.has(connectionId);
}

export function canReachProduct(access: Access, connectionId: string, productKey: string): boolean {
  if (access.all) return true;
  const products = access.connections.get(connectionId);
  return products === "all" || (products !== undefined && products.has(productKey));
}

/** The products of a connection the user may see: "all", or a (possibly empty) list. */
export function productsOn(access: Access, connectionId: string): "all" | string[] {
  if (access.all) return "all";
  const products = access.connections.get(connectionId);
  if (products === "all") return "all";
  return products ? [...products].sort() : [];
}

export class OutOfScopeError extends Error {
  constructor(what: string) {
    super(`You have no access to ${what}. Ask an admin to grant it to you.`);
    this.name = "OutOfScopeError";
  }
}
