import { TIMEOUT_LIMITS } from "@/lib/platforms/limits";
import type { PlatformId } from "@/lib/platforms/types";

export interface TimeoutField {
  /** what the platform's API takes, and so what the form asks for */
  unit: "s" | "ms";
  min: number;
  max: number;
  defaultValue: number;
  fixed: boolean;
}

/** The timeout as the form shows it: whole units within what the platform accepts. */
export function timeoutField(platform: PlatformId): TimeoutField {
  const l = TIMEOUT_LIMITS[platform];
  const per = l.unit === "s" ? 1000 : 1;
  const min = Math.max(1, Math.ceil(l.minMs / per));
  const max = Math.floor(l.maxMs / per);
  return { unit: l.unit, min, max, defaultValue: Math.min(max, Math.max(min, Math.round(l.defaultMs / per))), fixed: min === max };
}

export function timeoutToMs(value: string, field: TimeoutField): number {
  return Number(value) * (field.unit === "s" ? 1000 : 1);
}

export function checkTimeoutValue(value: string, field: TimeoutField): string | null {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < field.min || n > field.max) {
    const unit = field.unit === "s" ? "seconds" : "milliseconds";
    return `Enter a whole number of ${unit} from ${field.min} to ${field.max}.`;
  }
  return null;
}
