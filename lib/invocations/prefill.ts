import "server-only";
import { can } from "../auth/permissions";
import { historyScope } from "../auth/scope";
import { getInvocation } from "./queries";
import type { CurrentUser } from "./types";

export interface Prefill {
  invocationId: string;
  input: unknown;
}

export interface ServiceTarget {
  connectionId: string;
  productKey: string;
  deviceKey: string;
  serviceId: string;
}

/**
 * "Invoke again": the input of an earlier invocation, for the service form being shown. Read on the
 * server through the caller's history scope; an id for another device or service (an edited link)
 * fills nothing rather than putting one service's input into another's form.
 */
export async function invocationPrefill(user: CurrentUser, fromId: string | undefined, target: ServiceTarget): Promise<Prefill | undefined> {
  if (!fromId || !can(user, "invoke") || !can(user, "history:read")) return undefined;
  const inv = await getInvocation(fromId, await historyScope(user));
  const matches =
    inv &&
    inv.connectionId === target.connectionId &&
    inv.productKey === target.productKey &&
    inv.deviceKey === target.deviceKey &&
    inv.serviceId === target.serviceId;
  return matches ? { invocationId: inv.id, input: inv.input } : undefined;
}
