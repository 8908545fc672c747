"use client";

import type { ChangeEvent } from "react";
import { useTranslations } from "next-intl";
import { ariaDescribedByIds, getInputProps, type BaseInputTemplateProps } from "@rjsf/utils";
import { Input } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { itemTitle, optionText } from "./form-context";

/** Inputs whose values are short: a full-width box would only be empty space. */
const COMPACT = new Set(["number", "date"]);

/**
 * Every <input> of the form: numbers with the unit beside them and the model's step, texts with a
 * length counter. Used for array items and struct members too, so they look the same everywhere.
 */
export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const { id, htmlName, placeholder, required, readonly, disabled, type, value, onChange, onChangeOverride, onBlur, onFocus } = props;
  const { autofocus, options, schema, rawErrors = [], label, hideLabel } = props;
  const inputProps = getInputProps(schema, type, options);
  const step = options.step;
  if (inputProps.type === "number" && typeof step === "number") inputProps.step = step;
  // A number field holding text (typed in the JSON view) shows that text next to its error, not a blank box.
  if (inputProps.type === "number" && typeof value === "string" && value.trim() !== "" && !Number.isFinite(Number(value))) inputProps.type = "text";
  const unit = optionText(options, "unit");
  const maxLength = typeof schema.maxLength === "number" && inputProps.type !== "number" ? schema.maxLength : undefined;
  const shown = value || value === 0 ? String(value) : "";
  const handleChange = ({ target }: ChangeEvent<HTMLInputElement>) => onChange(target.value === "" ? options.emptyValue : target.value);
  const extraIds = [unit ? `${id}__unit` : "", maxLength !== undefined ? `${id}__count` : ""].filter(Boolean).join(" ");

  return (
    <div className="flex items-center gap-2">
      <Input
        id={id}
        name={htmlName || id}
        placeholder={placeholder}
        autoFocus={autofocus}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        {...inputProps}
        className={cn(COMPACT.has(String(inputProps.type)) && "max-w-56")}
        value={shown}
        onChange={onChangeOverride || handleChange}
        onBlur={({ target }) => onBlur(id, target.value)}
        onFocus={({ target }) => onFocus(id, target.value)}
        aria-invalid={rawErrors.length > 0 ? true : undefined}
        // array items have no visible label of their own
        aria-label={hideLabel && label ? itemTitle(label) : undefined}
        aria-describedby={[ariaDescribedByIds(id), extraIds].filter(Boolean).join(" ")}
      />
      {unit && (
        <span id={`${id}__unit`} className="shrink-0 text-sm text-muted-foreground" title={optionText(options, "unitName")}>
          {unit}
        </span>
      )}
      {maxLength !== undefined && <LengthCounter id={`${id}__count`} length={shown.length} max={maxLength} />}
    </div>
  );
}

/** "12 / 32"; red once over. UTF-16 units, as the platforms and the server check count them. */
export function LengthCounter({ id, length, max }: { id: string; length: number; max: number }) {
  const t = useTranslations("form");
  return (
    <span id={id} className={cn("shrink-0 text-xs tabular-nums", length > max ? "text-destructive" : "text-muted-foreground")}>
      <span className="sr-only">{t("length")} </span>
      {length} / {max}
    </span>
  );
}
