// Services an admin marked dangerous on a product (a reboot, a firmware wipe): invoking one needs a
// reason, which is kept in the audit row and its timeline.
import "server-only";
import { prisma } from "../db";
import { authorize } from "../auth/permissions";
import { isWellFormedText } from "./input-guard";
import { InputValidationError, type CurrentUser } from "./types";

export const REASON_LIMITS = { min: 5, max: 500 } as const;

export interface ServiceRef {
  connectionId: string;
  productKey: string;
  serviceId: string;
}

export async function isDangerous(ref: ServiceRef): Promise<boolean> {
  return (await prisma.dangerousService.count({ where: ref })) > 0;
}

/** Service ids marked dangerous on one product of a connection. */
export async function dangerousServiceIds(connectionId: string, productKey: string): Promise<Set<string>> {
  const rows = await prisma.dangerousService.findMany({ where: { connectionId, productKey }, select: { serviceId: true } });
  return new Set(rows.map((r) => r.serviceId));
}

export async function setServiceDanger(user: CurrentUser, ref: ServiceRef, dangerous: boolean): Promise<void> {
  authorize(user, "services:configure");
  if (!dangerous) {
    await prisma.dangerousService.deleteMany({ where: ref });
    return;
  }
  await prisma.dangerousService.upsert({
    where: { connectionId_productKey_serviceId: ref },
    create: { ...ref, markedBy: user.email },
    update: {},
  });
}

/**
 * The reason as stored (trimmed), null when none was given. A dangerous service needs one; a reason
 * given for any other service is kept too, since it only adds to the record.
 */
export function checkReason(reason: string | null | undefined, dangerous: boolean): string | null {
  const text = reason?.trim() ?? "";
  if (!text) {
    if (!dangerous) return null;
    throw new InputValidationError([
      { path: "reason", message: "this service is marked dangerous: confirm the invocation with a reason (it is kept in the history)" },
    ]);
  }
  if (text.length < REASON_LIMITS.min || text.length > REASON_LIMITS.max || !isWellFormedText(text)) {
    throw new InputValidationError([
      { path: "reason", message: `must be ${REASON_LIMITS.min} to ${REASON_LIMITS.max} characters of text` },
    ]);
  }
  return text;
}
