"use client";

import { useEffect, useState } from "react";
import { Loader2, Play } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { checkTimeoutValue, type TimeoutField } from "./timeout-limits";

interface Props {
  field: TimeoutField;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  pending: boolean;
}

export function InvokeControls({ field, value, onChange, error, pending }: Props) {
  const t = useTranslations("invoke");
  const unit = field.unit === "s" ? t("unitS") : t("unitMs");
  return (
    <div className="space-y-3 border-t pt-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="invoke-timeout">{t("timeout", { unit })}</Label>
          <Input
            id="invoke-timeout"
            name="timeout"
            type="number"
            inputMode="numeric"
            className="w-28"
            min={field.min}
            max={field.max}
            step={1}
            value={value}
            readOnly={field.fixed}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby="invoke-timeout-help"
          />
        </div>
        <Button type="submit" disabled={pending} aria-busy={pending} className="min-w-28">
          {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Play aria-hidden="true" />}
          {t("invoke")}
        </Button>
      </div>
      <p id="invoke-timeout-help" className={error ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
        {(error && error === checkTimeoutValue("", field) ? t("timeoutRange", { min: field.min, max: field.max, unit: field.unit }) : error) ??
          (field.fixed
            ? t("timeoutFixed", { max: field.max, unit })
            : t("timeoutHelp", { min: field.min, max: field.max, unit }))}
      </p>
      {pending && <InvokeProgress timeoutS={Math.ceil((Number(value) || field.max) / (field.unit === "s" ? 1 : 1000))} />}
    </div>
  );
}

function InvokeProgress({ timeoutS }: { timeoutS: number }) {
  const [startedAt] = useState(() => Date.now());
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - startedAt) / 1000)), 250);
    return () => clearInterval(timer);
  }, [startedAt]);
  const percent = Math.min(100, Math.round((elapsed / Math.max(1, timeoutS)) * 100));
  const t = useTranslations("invoke");

  return (
    <div role="status" data-testid="invocation-pending" className="space-y-1.5">
      <p className="text-sm text-muted-foreground">
        {t.rich("waiting", { elapsed, timeout: timeoutS, n: (chunks) => <span className="tabular-nums">{chunks}</span> })}
      </p>
      <div
        className="h-1.5 w-full max-w-md overflow-hidden rounded-full bg-muted"
        role="progressbar"
        aria-label={t("timeWaited")}
        aria-valuemin={0}
        aria-valuemax={timeoutS}
        aria-valuenow={Math.min(elapsed, timeoutS)}
      >
        <div className="h-full bg-primary transition-[width] duration-300" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
