// Integration tests that invoke as an engineer need the user row and its grants, as production has.
import type { PrismaClient } from "../generated/prisma/client";
import type { CurrentUser } from "../invocations/types";

/** Creates the user when missing and grants it the whole connections (engineers) given. */
export async function grantConnections(prisma: PrismaClient, user: CurrentUser, connectionIds: string[]): Promise<void> {
  await prisma.user.upsert({
    where: { id: user.id },
    create: { id: user.id, name: user.name, email: user.email, role: user.role, emailVerified: true },
    update: { role: user.role },
  });
  await prisma.userGrant.deleteMany({ where: { userId: user.id, connectionId: { in: connectionIds } } });
  await prisma.userGrant.createMany({ data: connectionIds.map((connectionId) => ({ userId: user.id, connectionId, productKey: null })) });
}
