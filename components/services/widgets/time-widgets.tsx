"use client";

import { useSyncExternalStore } from "react";
import { Clock } from "lucide-react";
import { useTranslations } from "next-intl";
import { ariaDescribedByIds, type WidgetProps } from "@rjsf/utils";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { utcText } from "@/lib/thing-model/output";
import { fromLocalInput, toLocalInput, utcOffsetLabel } from "./time";
import { itemTitle } from "./form-context";

const noSubscription = () => () => undefined;

/** Local times exist only in the browser: the server renders the field empty, hydration fills it. */
function useInBrowser(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/**
 * A TIMESTAMP (and an Alibaba date): picked as local date and time, kept as epoch milliseconds, the
 * value both platforms take (wire.ts turns it into Alibaba's string). The number is shown too.
 */
export function TimestampWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, required, disabled, readonly, label, hideLabel, rawErrors = [] } = props;
  const inBrowser = useInBrowser();
  const t = useTranslations("form");
  const ms = typeof value === "number" && Number.isFinite(value) ? value : undefined;
  const local = inBrowser && ms !== undefined ? toLocalInput(ms) : "";
  const off = disabled || readonly;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <Input
          id={id}
          name={props.htmlName || id}
          type="datetime-local"
          step={local.includes(".") ? 0.001 : 1}
          className="w-auto max-w-64"
          value={local}
          required={required}
          disabled={off}
          onChange={(e) => onChange(e.target.value === "" ? undefined : fromLocalInput(e.target.value))}
          onBlur={() => onBlur(id, value)}
          onFocus={() => onFocus(id, value)}
          aria-label={hideLabel ? itemTitle(label) : undefined}
          aria-invalid={rawErrors.length > 0 || undefined}
          aria-describedby={`${ariaDescribedByIds(id)} ${id}__ms`}
        />
        <Button variant="outline" size="sm" disabled={off} onClick={() => onChange(Date.now())}>
          <Clock aria-hidden="true" />
          {t("now")}
        </Button>
      </div>
      <p id={`${id}__ms`} className="text-xs text-muted-foreground">
        {ms !== undefined ? (
          <>
            <span className="font-mono tabular-nums">{ms}</span> {t("ms")} · {utcText(ms)}
          </>
        ) : (
          t("localTimeHint", { offset: inBrowser ? ` (${utcOffsetLabel()})` : "" })
        )}
      </p>
    </div>
  );
}
