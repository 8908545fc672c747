import "server-only";
import { prisma } from "../db";
import { authorize } from "../auth/permissions";
import { canInvokeOn } from "../auth/scope";
import { getConnectionConfig } from "../connections";
import { getAdapter } from "../platforms/registry";
import { PlatformError } from "../platforms/types";
import { applyOutcome } from "./reconciler";
import { getInvocation } from "./queries";
import type { CurrentUser, InvocationView } from "./types";

export class NotCancellableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotCancellableError";
  }
}

/** Cancel a cached command still waiting on the platform; the platform's answer is recorded. */
export async function cancelInvocation(user: CurrentUser, id: string): Promise<InvocationView> {
  authorize(user, "invoke");
  const row = await prisma.invocation.findUnique({ where: { id } });
  // out of the user's grants reads the same as missing: ids of other products' calls stay unconfirmed
  if (!row || !(await canInvokeOn(user, row.connectionId, row.productKey))) throw new NotCancellableError(`No invocation with id ${id}.`);
  if (row.status !== "QUEUED" || !row.commandId) {
    throw new NotCancellableError(`Only a queued cached command can be cancelled; this invocation is ${row.status}.`);
  }
  const conn = await getConnectionConfig(row.connectionId);
  const adapter = getAdapter(conn.platform);
  if (!adapter.cancel) throw new PlatformError("request", `${conn.name} cannot cancel commands.`);
  await prisma.invocationEvent.create({ data: { invocationId: id, type: "cancel-requested", data: { by: user.email } } });
  const outcome = await adapter.cancel(
    conn,
    { productKey: row.productKey, deviceKey: row.deviceKey, assetId: row.assetId, iotId: row.iotId },
    { serviceId: row.serviceId, commandId: row.commandId, messageId: row.messageId, requestedAt: row.requestedAt, timeoutMs: row.timeoutMs },
  );
  if (outcome.status !== row.status) await applyOutcome(row, outcome);
  // the caller just acted on this row, so it is theirs to see
  return (await getInvocation(id, {}))!;
}

/**
 * Someone is watching this invocation: let the reconciler ask the platform on its next tick instead
 * of waiting out the backoff.
 */
export async function requestPromptPoll(id: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "invocation" SET "nextPollAt" = now()
    WHERE "id" = ${id}::uuid AND "status" IN ('QUEUED', 'SENT') AND "nextPollAt" > now() + interval '2 seconds'`;
}
