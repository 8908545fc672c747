// Demo accounts for a fresh console. Run by the start script with tsx, so no "server-only" here.
import { randomUUID } from "node:crypto";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import type { PrismaClient } from "../generated/prisma/client";
import type { Role } from "./config";

export interface DemoUser {
  email: string;
  password: string;
  role: Role;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "admin@example.com", password: "admin-demo-1234", role: "admin" },
  { email: "engineer@example.com", password: "engineer-demo-1234", role: "engineer" },
  { email: "manager@example.com", password: "manager-demo-1234", role: "manager" },
  { email: "product@example.com", password: "product-demo-1234", role: "product" },
];

// Better Auth signs in with the "credential" account whose accountId is the user id
// (see better-auth sign-up/sign-in routes) and checks its scrypt hash from better-auth/crypto.
const CREDENTIAL_PROVIDER = "credential";

type SeedClient = Pick<PrismaClient, "user" | "account" | "$transaction">;

/** Creates the demo users that are missing and resets their role and password when they drifted. */
export async function ensureDemoUsers(prisma: SeedClient): Promise<DemoUser[]> {
  for (const demo of DEMO_USERS) await ensureDemoUser(prisma, demo);
  return DEMO_USERS.map((u) => ({ ...u }));
}

async function ensureDemoUser(prisma: SeedClient, demo: DemoUser): Promise<void> {
  const name = demo.email.split("@")[0] ?? demo.email;
  const existing = await prisma.user.findUnique({
    where: { email: demo.email },
    include: { accounts: { where: { providerId: CREDENTIAL_PROVIDER } } },
  });

  if (!existing) {
    const userId = randomUUID();
    const password = await hashPassword(demo.password);
    await prisma.$transaction([
      prisma.user.create({ data: { id: userId, name, email: demo.email, emailVerified: true, role: demo.role } }),
      prisma.account.create({
        data: { id: randomUUID(), userId, accountId: userId, providerId: CREDENTIAL_PROVIDER, password },
      }),
    ]);
    return;
  }

  if (existing.role !== demo.role) {
    await prisma.user.update({ where: { id: existing.id }, data: { role: demo.role } });
  }
  const account = existing.accounts.find((a) => a.accountId === existing.id);
  if (!account) {
    await prisma.account.create({
      data: {
        id: randomUUID(),
        userId: existing.id,
        accountId: existing.id,
        providerId: CREDENTIAL_PROVIDER,
        password: await hashPassword(demo.password),
      },
    });
  } else if (!account.password || !(await verifyPassword({ hash: account.password, password: demo.password }))) {
    await prisma.account.update({ where: { id: account.id }, data: { password: await hashPassword(demo.password) } });
  }
}

/** The demo product user works on this product of the demo connections (emulator/seed.json). */
export const DEMO_PRODUCT_KEY = "demoPump";

type GrantClient = Pick<PrismaClient, "user" | "connection" | "userGrant">;

/**
 * The demo engineer is granted every demo connection, the demo product user the demo pump product on
 * them. Missing grants are added; grants an admin added are left alone.
 */
export async function ensureDemoGrants(prisma: GrantClient): Promise<void> {
  const demos = await prisma.connection.findMany({ where: { isDemo: true }, select: { id: true } });
  const byRole = async (role: Role) => prisma.user.findUnique({ where: { email: DEMO_USERS.find((u) => u.role === role)!.email }, select: { id: true } });
  const engineer = await byRole("engineer");
  const product = await byRole("product");
  for (const { id: connectionId } of demos) {
    if (engineer) await ensureGrant(prisma, engineer.id, connectionId, null);
    if (product) await ensureGrant(prisma, product.id, connectionId, DEMO_PRODUCT_KEY);
  }
}

async function ensureGrant(prisma: GrantClient, userId: string, connectionId: string, productKey: string | null): Promise<void> {
  // findFirst + create rather than upsert: the unique index cannot match a NULL productKey
  const existing = await prisma.userGrant.findFirst({ where: { userId, connectionId, productKey } });
  if (!existing) await prisma.userGrant.create({ data: { userId, connectionId, productKey } });
}
