"use client";

import { useTranslations } from "next-intl";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** EnOS keeps a cached command for at most 48 hours (pendingTtl 172800 s). */
export const MAX_TTL_S = 172_800;
const UNITS = { minutes: 60, hours: 3600 } as const;
export type TtlUnit = keyof typeof UNITS;

export interface Delivery {
  mode: "instant" | "cached";
  ttl: string;
  unit: TtlUnit;
}

export const DEFAULT_DELIVERY: Delivery = { mode: "instant", ttl: "1", unit: "hours" };

/** The English text of the range problem; the controls show it in the reader's language. */
export const TTL_RANGE_ERROR = "Keep the command between 1 second and 48 hours.";

/** pendingTtl in seconds, or a message naming the problem. */
export function pendingTtlOf(d: Delivery): { seconds: number } | { error: string } {
  if (d.mode === "instant") return { seconds: 0 };
  const n = Number(d.ttl);
  const seconds = Math.round(n * UNITS[d.unit]);
  if (d.ttl.trim() === "" || !Number.isFinite(n) || n <= 0 || seconds < 1 || seconds > MAX_TTL_S) {
    return { error: TTL_RANGE_ERROR };
  }
  return { seconds };
}

/** Instant (the device must be online now) or cached (queued on the platform until it comes online). */
export function DeliveryControls({ value, onChange, error }: { value: Delivery; onChange: (d: Delivery) => void; error: string | null }) {
  const t = useTranslations("delivery");
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{t("legend")}</legend>
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name="delivery" checked={value.mode === "instant"} onChange={() => onChange({ ...value, mode: "instant" })} />
          {t("instant")}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="delivery" checked={value.mode === "cached"} onChange={() => onChange({ ...value, mode: "cached" })} />
          {t("cached")}
        </label>
      </div>
      {value.mode === "cached" && (
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="delivery-ttl">{t("keepFor")}</Label>
            <Input
              id="delivery-ttl"
              type="number"
              className="w-24"
              min={1}
              step="any"
              value={value.ttl}
              onChange={(e) => onChange({ ...value, ttl: e.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby="delivery-ttl-help"
            />
          </div>
          <select
            aria-label={t("keepForUnit")}
            className="h-9 rounded-md border border-input bg-transparent px-2 text-sm"
            value={value.unit}
            onChange={(e) => onChange({ ...value, unit: e.target.value as TtlUnit })}
          >
            <option value="minutes">{t("minutes")}</option>
            <option value="hours">{t("hours")}</option>
          </select>
          <p id="delivery-ttl-help" className={error ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
            {error === TTL_RANGE_ERROR ? t("ttlRange") : (error ?? t("ttlHelp"))}
          </p>
        </div>
      )}
    </fieldset>
  );
}
