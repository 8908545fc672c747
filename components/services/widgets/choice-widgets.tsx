"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { ariaDescribedByIds, type WidgetProps } from "@rjsf/utils";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { itemTitle } from "./form-context";

/**
 * A bool as two labelled options (the model's labels, e.g. "On" / "Off"). Native radios, so arrow
 * keys and screen readers work, named by the field id so each struct member and array item is its
 * own group. An optional bool can be cleared (not sent).
 */
export function BoolWidget(props: WidgetProps) {
  const t = useTranslations("form");
  const { id, value, onChange, onBlur, onFocus, options, required, disabled, readonly, label, hideLabel, rawErrors = [] } = props;
  const labels = boolLabels(options.enumOptions);
  const off = disabled || readonly;
  return (
    <div className="flex items-center gap-2">
      <div
        role="radiogroup"
        aria-labelledby={hideLabel ? undefined : `${id}__label`}
        aria-label={hideLabel ? itemTitle(label) : undefined}
        aria-required={required || undefined}
        aria-invalid={rawErrors.length > 0 || undefined}
        aria-describedby={ariaDescribedByIds(id)}
        className={cn("inline-flex rounded-md border bg-card p-0.5 shadow-xs", rawErrors.length > 0 && "border-destructive")}
      >
        {([true, false] as const).map((v) => (
          <label
            key={String(v)}
            className={cn(
              "relative cursor-pointer rounded px-3 py-1 text-sm transition-colors select-none",
              "has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
              value === v ? "bg-primary text-primary-foreground" : "hover:bg-accent",
              off && "cursor-not-allowed opacity-50",
            )}
          >
            {/* transparent over its label, so a click on the label is a click on the radio */}
            <input
              type="radio"
              className="absolute inset-0 m-0 cursor-pointer appearance-none opacity-0 disabled:cursor-not-allowed"
              id={v ? id : `${id}-false`}
              name={id}
              checked={value === v}
              disabled={off}
              onChange={() => onChange(v)}
              onBlur={() => onBlur(id, value)}
              onFocus={() => onFocus(id, value)}
            />
            {v ? labels.true : labels.false}
          </label>
        ))}
      </div>
      {!required && value !== undefined && !off && (
        <Button variant="ghost" size="xs" onClick={() => onChange(undefined)} aria-label={t("clearField", { field: itemTitle(label) })}>
          <X aria-hidden="true" />
          {t("clear")}
        </Button>
      )}
    </div>
  );
}

/** The model's labels from the schema's oneOf; rjsf's own "Yes"/"No" hide that the value is true/false. */
function boolLabels(enumOptions: WidgetProps["options"]["enumOptions"]): { true: string; false: string } {
  const fromSchema = (v: boolean) => enumOptions?.find((o) => o.value === v && o.schema !== undefined)?.label;
  return { true: fromSchema(true) ?? "true", false: fromSchema(false) ?? "false" };
}

/** Enums as a native select: labelled by the field, keyboard and type-ahead work everywhere. */
export function SelectWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, options, required, disabled, readonly, label, hideLabel, placeholder, rawErrors = [] } = props;
  const enumOptions = options.enumOptions ?? [];
  const index = enumOptions.findIndex((o) => o.value === value);
  const decode = (i: string) => (i === "" ? options.emptyValue : enumOptions[Number(i)]?.value);
  return (
    <select
      id={id}
      name={props.htmlName || id}
      value={index >= 0 ? String(index) : ""}
      required={required}
      disabled={disabled || readonly}
      onChange={(e) => onChange(decode(e.target.value))}
      onBlur={(e) => onBlur(id, decode(e.target.value))}
      onFocus={(e) => onFocus(id, decode(e.target.value))}
      aria-label={hideLabel ? itemTitle(label) : undefined}
      aria-invalid={rawErrors.length > 0 || undefined}
      aria-describedby={ariaDescribedByIds(id)}
      className={cn(
        "h-9 w-full max-w-sm rounded-md border border-input bg-card px-2.5 text-sm shadow-xs outline-none",
        "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:cursor-not-allowed disabled:opacity-50",
        "aria-invalid:border-destructive",
        index < 0 && "text-muted-foreground",
      )}
    >
      <option value="" disabled={required}>
        {placeholder || "Select…"}
      </option>
      {enumOptions.map((o, i) => (
        <option key={String(o.value)} value={String(i)} className="text-foreground">
          {o.label === String(o.value) ? o.label : `${o.label} (${String(o.value)})`}
        </option>
      ))}
    </select>
  );
}
