// An invocation row written straight to the table (tests only), as a broken-off call leaves it:
// PENDING, `reboot` on demoPump's pump-001 through the given connection, unless `extra` says otherwise.
import type { Prisma } from "../generated/prisma/client";
import type { CurrentUser } from "../invocations/types";

export function invocationRow(
  user: CurrentUser,
  connectionId: string,
  extra: Partial<Prisma.InvocationUncheckedCreateInput> = {},
): Prisma.InvocationUncheckedCreateInput {
  return {
    userId: user.id,
    userEmail: user.email,
    userRole: user.role,
    connectionId,
    connectionName: "it",
    platform: "enos",
    productKey: "demoPump",
    deviceKey: "pump-001",
    serviceId: "reboot",
    input: { delay: 1 },
    mode: "instant",
    timeoutMs: 10_000,
    ...extra,
  };
}
