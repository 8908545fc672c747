"use client";

import { getUiOptions, type FieldTemplateProps } from "@rjsf/utils";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { formContextOf, optionText } from "./form-context";

/** Widgets that label themselves as a group (aria-labelledby) rather than through <label for>. */
const GROUP_WIDGETS = new Set(["BoolWidget"]);

/**
 * One field: label with a required mark and the param's identifier, the input, description, errors
 * and help. Structs and arrays draw their own fieldset legend, so they get no label here.
 */
export function FieldTemplate(props: FieldTemplateProps) {
  const { id, children, displayLabel, rawErrors = [], errors, help, description, rawDescription, classNames, style } = props;
  const { label, hidden, required, schema, uiSchema, registry } = props;
  // The JSON tab hides the fields without unmounting them, so half-typed values survive a look at the JSON.
  if (id === rootId(registry) && formContextOf(registry).view === "json") return <div hidden>{children}</div>;
  if (hidden) return <div className="hidden">{children}</div>;
  const options = getUiOptions(uiSchema);
  const container = schema.type === "object" || schema.type === "array";
  // a JSON field's schema has no type, for which rjsf would show no label
  const showLabel = (displayLabel || options.field === "JsonField") && !container;
  return (
    <div className={cn("flex min-w-0 flex-col gap-1.5", classNames)} style={style}>
      {showLabel && (
        <FieldLabel
          id={id}
          label={label}
          required={required}
          identifier={optionText(options, "identifier")}
          invalid={rawErrors.length > 0}
          asGroup={GROUP_WIDGETS.has(String(options.widget))}
        />
      )}
      {showLabel && rawDescription && description}
      {children}
      {errors}
      {help}
    </div>
  );
}

function rootId(registry: FieldTemplateProps["registry"]): string {
  return registry.globalFormOptions?.idPrefix ?? "root";
}

export function FieldLabel(props: { id: string; label: string; required?: boolean; identifier?: string; invalid?: boolean; asGroup?: boolean }) {
  const { id, label, required, identifier, invalid, asGroup } = props;
  const className = cn("text-sm font-medium leading-none", invalid && "text-destructive");
  // the star stays outside the label, so the field's name is exactly the model's display name
  return (
    <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
      <span className="inline-flex items-baseline">
        {asGroup ? (
          <span id={`${id}__label`} className={className}>
            {label}
          </span>
        ) : (
          <label id={`${id}__label`} htmlFor={id} className={className}>
            {label}
          </label>
        )}
        {required && <RequiredMark />}
      </span>
      {identifier && identifier !== label && <code className="text-xs text-muted-foreground">{identifier}</code>}
    </div>
  );
}

/** The input's own `required` tells assistive technology; the star is for the eye. */
export function RequiredMark() {
  const t = useTranslations("form");
  return (
    <span aria-hidden="true" className="ml-0.5 text-destructive" title={t("required")}>
      *
    </span>
  );
}
