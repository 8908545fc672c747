// One status vocabulary for every platform (see README "Invocation status").
export const INVOCATION_STATUSES = [
  "PENDING",
  "QUEUED",
  "SENT",
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "EXPIRED",
  "CANCELED",
  "INTERRUPTED",
] as const;
export type InvocationStatus = (typeof INVOCATION_STATUSES)[number];

/** Statuses after which nothing more will happen to an invocation. */
export const FINAL_STATUSES: ReadonlySet<InvocationStatus> = new Set([
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "EXPIRED",
  "CANCELED",
]);

export function isFinal(status: InvocationStatus): boolean {
  return FINAL_STATUSES.has(status);
}
