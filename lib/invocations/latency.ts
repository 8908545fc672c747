// An invocation's latency as the history stores it (an int column of milliseconds).

/**
 * The largest latency the column holds: 2^31 − 1 ms, 24.8 days. A call finished later than that (a
 * crashed console's row reconciled after weeks) records this; completedAt − requestedAt keeps the
 * exact span.
 */
export const MAX_LATENCY_MS = 2_147_483_647;

export function latencyMsBetween(requestedAt: Date, now: Date): number {
  return Math.min(Math.max(now.getTime() - requestedAt.getTime(), 0), MAX_LATENCY_MS);
}
