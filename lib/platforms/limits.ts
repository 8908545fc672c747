import type { PlatformId } from "./types";

/** What each platform's API accepts as an invocation timeout (enos.md / aliyun.md). */
export interface TimeoutLimits {
  minMs: number;
  maxMs: number;
  defaultMs: number;
  /** the unit the API takes: EnOS v2.1 whole seconds, the older EnOS API milliseconds */
  unit: "s" | "ms";
}

export const TIMEOUT_LIMITS: Record<PlatformId, TimeoutLimits> = {
  enos: { minMs: 1_000, maxMs: 60_000, defaultMs: 30_000, unit: "s" },
  "enos-legacy": { minMs: 1, maxMs: 300_000, defaultMs: 30_000, unit: "ms" },
  // Alibaba fixes the sync limit at 8 s; the value is kept for the record only.
  aliyun: { minMs: 8_000, maxMs: 8_000, defaultMs: 8_000, unit: "s" },
};

/** A message naming the problem, or null when the timeout is acceptable for the platform. */
export function checkTimeout(platform: PlatformId, timeoutMs: number): string | null {
  const l = TIMEOUT_LIMITS[platform];
  const whole = l.unit === "s" ? timeoutMs % 1000 === 0 : Number.isInteger(timeoutMs);
  if (!Number.isFinite(timeoutMs) || !whole || timeoutMs < l.minMs || timeoutMs > l.maxMs) {
    return l.unit === "s"
      ? `must be a whole number of seconds between ${l.minMs / 1000} and ${l.maxMs / 1000}`
      : `must be a whole number of milliseconds between ${l.minMs} and ${l.maxMs}`;
  }
  return null;
}

/** EnOS cached commands live at most 48 h (v2.1 `pendingTtl`, seconds). */
export const ENOS_MAX_PENDING_TTL_S = 172_800;

/** A message naming the problem with an EnOS pendingTtl, or null when it is acceptable. */
export function checkPendingTtl(pendingTtlS: number | undefined): string | null {
  if (pendingTtlS === undefined) return null;
  if (!Number.isInteger(pendingTtlS) || pendingTtlS < 0 || pendingTtlS > ENOS_MAX_PENDING_TTL_S) {
    return `must be a whole number of seconds between 0 and ${ENOS_MAX_PENDING_TTL_S} (48 hours)`;
  }
  return null;
}

/** Alibaba InvokeThingsService takes at most 100 DeviceName.N per call (aliyun.md §3.2). */
export const ALIYUN_BATCH_MAX_DEVICES = 100;
