import "server-only";
import { invokeService, invokeServiceResult, type EarlyLookups, type InvokeParams } from "./invoke";
import type { CurrentUser, InvocationView } from "./types";

export class IdempotencyConflictError extends Error {
  constructor(key: string, id: string) {
    super(`The idempotency key “${key}” was already used for a different request (invocation ${id}). Use a new key for a new request.`);
    this.name = "IdempotencyConflictError";
  }
}

export interface InvokeOnceResult {
  /** false when the key was seen before and the earlier invocation is answered instead */
  created: boolean;
  invocation: InvocationView;
}

/**
 * invokeService for API clients that retry: a repeated idempotency key answers the invocation made
 * the first time, and a key reused for a different request is refused. Keys are per user, so two
 * scripts that happen to pick the same key never see each other's invocations.
 */
export async function invokeOnce(user: CurrentUser, params: InvokeParams, early?: EarlyLookups): Promise<InvokeOnceResult> {
  if (!params.idempotencyKey) return { created: true, invocation: await invokeService(user, params, early) };
  const scopedKey = `api:${user.id}:${params.idempotencyKey}`;
  // the use case finds the key at the insert (or when the request no longer passes its checks)
  const result = await invokeServiceResult(user, { ...params, idempotencyKey: scopedKey }, early);
  if (!result.created && !sameRequest(result.invocation, params)) throw new IdempotencyConflictError(params.idempotencyKey, result.invocation.id);
  return result;
}

function sameRequest(view: InvocationView, params: InvokeParams): boolean {
  const d = params.device;
  return (
    view.connectionId === params.connectionId &&
    view.productKey === d.productKey &&
    (!d.deviceKey || view.deviceKey === d.deviceKey) &&
    (!d.assetId || view.assetId === d.assetId) &&
    view.serviceId === params.serviceId &&
    view.timeoutMs === params.timeoutMs &&
    (view.pendingTtlS ?? 0) === (params.pendingTtlS ?? 0) &&
    canonical(view.input) === canonical(params.input)
  );
}

/** JSON with sorted keys, so {a, b} and {b, a} are the same input. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
