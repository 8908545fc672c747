"use client";

import { useEffect, useRef, useState } from "react";
import { TriangleAlert } from "lucide-react";
import { ariaDescribedByIds, getUiOptions, type FieldProps, type WidgetProps } from "@rjsf/utils";
import { cn } from "@/components/ui/cn";
import { parseJsonText, prettyJson } from "../json-text";
import { LengthCounter } from "./base-input";
import { formContextOf, itemTitle, optionText } from "./form-context";

const textareaClass = cn(
  "w-full min-w-0 rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs outline-none",
  "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:cursor-not-allowed disabled:opacity-50",
  "aria-invalid:border-destructive",
);

/** Long texts (Alibaba allows 10 240 characters) with the same counter as short ones. */
export function TextareaWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, options, schema, required, disabled, readonly, label, hideLabel, rawErrors = [] } = props;
  const text = typeof value === "string" ? value : "";
  const max = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  return (
    <div className="space-y-1">
      <textarea
        id={id}
        name={props.htmlName || id}
        rows={typeof options.rows === "number" ? options.rows : 4}
        className={textareaClass}
        value={text}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        onChange={(e) => onChange(e.target.value === "" ? options.emptyValue : e.target.value)}
        onBlur={(e) => onBlur(id, e.target.value)}
        onFocus={(e) => onFocus(id, e.target.value)}
        aria-label={hideLabel ? itemTitle(label) : undefined}
        aria-invalid={rawErrors.length > 0 || undefined}
        aria-describedby={`${ariaDescribedByIds(id)}${max !== undefined ? ` ${id}__count` : ""}`}
      />
      {max !== undefined && (
        <div className="flex justify-end">
          <LengthCounter id={`${id}__count`} length={text.length} max={max} />
        </div>
      )}
    </div>
  );
}

/**
 * A part of the model the console could not read: edited as JSON text, with the reason shown.
 * The form holds the parsed value, never the text, so the server receives real JSON values; text
 * that does not parse stays here, marked, and the editor refuses to invoke until it is fixed.
 */
export function JsonField(props: FieldProps) {
  const { formData, onChange, fieldPathId, required, disabled, readonly, uiSchema, registry, rawErrors = [] } = props;
  const id = fieldPathId.$id;
  const report = formContextOf(registry).reportDraft;
  const reportRef = useRef(report);
  useEffect(() => {
    reportRef.current = report;
  });
  useEffect(() => () => reportRef.current?.(id, null), [id]);

  const outside = JSON.stringify(formData ?? null);
  const [draft, setDraft] = useState(() => prettyJson(formData));
  const [seen, setSeen] = useState(outside);
  const [problem, setProblem] = useState<string | null>(null);
  // The value changed elsewhere (the JSON tab, a preset): show it, unless the draft already says so.
  if (outside !== seen) {
    setSeen(outside);
    if (!sameJson(draft, formData)) {
      setDraft(prettyJson(formData));
      setProblem(null);
    }
  }

  function edit(text: string) {
    setDraft(text);
    const parsed = text.trim() === "" ? ({ ok: true, value: undefined } as const) : parseJsonText(text);
    const error = parsed.ok ? null : parsed.error;
    setProblem(error);
    report?.(id, error);
    if (parsed.ok) onChange(parsed.value, fieldPathId.path);
  }

  const warning = optionText(getUiOptions(uiSchema), "warning");
  return (
    <div className="space-y-1.5">
      {warning && (
        <p id={`${id}__warning`} className="flex items-start gap-1.5 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          <TriangleAlert className="mt-px size-3.5 shrink-0" aria-hidden="true" />
          {warning}
        </p>
      )}
      <textarea
        id={id}
        name={fieldPathId.name || id}
        rows={Math.min(12, Math.max(3, draft.split("\n").length))}
        spellCheck={false}
        className={cn(textareaClass, "font-mono text-xs")}
        value={draft}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        onChange={(e) => edit(e.target.value)}
        aria-invalid={problem !== null || rawErrors.length > 0 || undefined}
        aria-describedby={[ariaDescribedByIds(id), warning ? `${id}__warning` : "", problem ? `${id}__parse` : ""].filter(Boolean).join(" ")}
      />
      {problem && (
        <p id={`${id}__parse`} role="alert" className="text-xs font-medium text-destructive">
          {problem}
        </p>
      )}
    </div>
  );
}

function sameJson(text: string, value: unknown): boolean {
  if (text.trim() === "") return value === undefined;
  const parsed = parseJsonText(text);
  return parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(value ?? null);
}
