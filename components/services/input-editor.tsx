"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type Form from "@rjsf/core";
import { TriangleAlert } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { isLocale } from "@/lib/i18n/config";
import { createSchemaUtils, type ErrorSchema, type Experimental_DefaultFormStateBehavior, type RJSFSchema, type UiSchema } from "@rjsf/utils";
import type { ParamSpec } from "@/lib/thing-model/types";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { formValidator, schemaIssues, transformErrorsFor } from "./form-validation";
import { isPlainObject, parseJsonText, prettyJson } from "./json-text";
import { JsonView } from "./json-view";
import type { InputFormContext } from "./widgets/form-context";
import { ServiceForm } from "./widgets/theme";

type View = InputFormContext["view"];

/**
 * Only the model's own defaults fill the form: rjsf would otherwise pick the first enum option and
 * `false` for required bools, sending values nobody chose.
 */
const DEFAULTS: Experimental_DefaultFormStateBehavior = {
  constAsDefaults: "never",
  requiredBooleanDefault: "skip",
  emptyObjectFields: "populateRequiredDefaults",
};

interface Props {
  schema: RJSFSchema;
  uiSchema: UiSchema;
  /** the service's input params: validation messages name fields and allowed values with them */
  inputs?: ParamSpec[];
  formData: unknown;
  onChange: (data: unknown) => void;
  onSubmit: (data: unknown) => void;
  /** server-side issues to mark on the fields */
  extraErrors?: ErrorSchema;
  disabled?: boolean;
  className?: string;
  /** rendered inside the <form> below the input (invoke button and options) */
  children?: ReactNode;
}

/**
 * A service's input as a generated form and as JSON text (tabs "Form" / "JSON"): one value behind
 * both, each valid edit on either side shows on the other, and errors show in both.
 */
export function InputEditor(props: Props) {
  const { schema, uiSchema, inputs, formData, onChange, onSubmit, extraErrors, disabled, className, children } = props;
  const id = useId();
  const tr = useTranslations("inputEditor");
  const [view, setView] = useState<View>("form");
  const [text, setText] = useState("");
  const [parseProblem, setParseProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  // errors show as the user types only once they have been shown (by a submit or a switch)
  const [live, setLive] = useState(false);
  const formRef = useRef<Form<unknown, RJSFSchema, InputFormContext>>(null);
  const validateOnShow = useRef(false);

  const locale = useLocale();
  const transform = useMemo(() => transformErrorsFor(inputs, isLocale(locale) ? locale : undefined), [inputs, locale]);
  const defaults = useMemo(() => createSchemaUtils(formValidator, schema, DEFAULTS).getDefaultFormState(schema, undefined), [schema]);
  const value = formData ?? defaults;
  const issues = useMemo(
    () => (view === "json" && parseProblem === null ? schemaIssues(value, schema, transform) : []),
    [view, parseProblem, value, schema, transform],
  );
  const reportDraft = useCallback((fieldId: string, problem: string | null) => setDrafts((d) => withDraft(d, fieldId, problem)), []);
  const formContext = useMemo<InputFormContext>(() => ({ view, reportDraft }), [view, reportDraft]);

  useEffect(() => {
    if (view !== "form" || !validateOnShow.current) return;
    validateOnShow.current = false;
    formRef.current?.validateForm();
  }, [view]);

  function show(next: View) {
    if (next === view) return;
    if (next === "json") {
      setText(prettyJson(value));
      setParseProblem(null);
      setRefusal(null);
      setView("json");
      return;
    }
    if (parseProblem) {
      setRefusal(tr("refusalShow"));
      return;
    }
    setRefusal(null);
    // the form marks the same problems the JSON view listed
    if (issues.length > 0) {
      validateOnShow.current = true;
      setLive(true);
    }
    setView("form");
  }

  function editText(next: string) {
    setText(next);
    setRefusal(null);
    const parsed = parseJsonText(next);
    if (!parsed.ok) return setParseProblem(parsed.error);
    if (!isPlainObject(parsed.value)) return setParseProblem(tr("mustBeObject"));
    setParseProblem(null);
    onChange(parsed.value);
  }

  function submit(data: unknown) {
    if (view === "json" && parseProblem) {
      setRefusal(tr("refusalInvoke"));
      return;
    }
    const pending = Object.keys(drafts);
    if (pending.length > 0) {
      setRefusal(tr("refusalFields", { count: pending.length }));
      if (view === "form") document.getElementById(pending[0]!)?.focus();
      return;
    }
    setRefusal(null);
    onSubmit(data);
  }

  const hasInputs = Object.keys(schema.properties ?? {}).length > 0;
  return (
    <div className={cn("space-y-3", className)}>
      {hasInputs && <ViewTabs id={id} view={view} onShow={show} />}
      {refusal && (
        <Alert variant="destructive" data-testid="input-editor-refusal">
          <TriangleAlert aria-hidden="true" />
          <AlertDescription>{refusal}</AlertDescription>
        </Alert>
      )}
      <ServiceForm
        ref={formRef}
        schema={schema}
        uiSchema={uiSchema}
        validator={formValidator}
        formData={formData}
        formContext={formContext}
        onChange={(e) => onChange(e.formData)}
        onSubmit={(e) => submit(e.formData)}
        onError={() => setLive(true)}
        transformErrors={transform}
        extraErrors={extraErrors}
        liveValidate={live ? "onChange" : undefined}
        experimental_defaultFormStateBehavior={DEFAULTS}
        showErrorList={false}
        focusOnFirstError
        noHtml5Validate
        disabled={disabled}
        className="service-form space-y-4"
      >
        {view === "json" && (
          <div role="tabpanel" id={`${id}-panel-json`} aria-labelledby={`${id}-tab-json`}>
            <JsonView
              id={`${id}-json`}
              text={text}
              onText={editText}
              parseProblem={parseProblem}
              issues={issues}
              pendingDrafts={Object.keys(drafts).length}
              disabled={disabled}
            />
          </div>
        )}
        {children}
      </ServiceForm>
    </div>
  );
}

function withDraft(drafts: Record<string, string>, fieldId: string, problem: string | null): Record<string, string> {
  if (problem === null) {
    if (!(fieldId in drafts)) return drafts;
    const { [fieldId]: _gone, ...rest } = drafts;
    return rest;
  }
  return drafts[fieldId] === problem ? drafts : { ...drafts, [fieldId]: problem };
}

const VIEWS: { view: View; label: string }[] = [
  { view: "form", label: "Form" },
  { view: "json", label: "JSON" },
];

/** Two tabs; arrow keys move between them as in any tab list. */
function ViewTabs({ id, view, onShow }: { id: string; view: View; onShow: (v: View) => void }) {
  const tr = useTranslations("inputEditor");
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    const next = view === "form" ? "json" : "form";
    onShow(next);
    requestAnimationFrame(() => document.getElementById(`${id}-tab-${next}`)?.focus());
  };
  return (
    <div role="tablist" aria-label={tr("editAs")} className="inline-flex rounded-md border bg-muted p-0.5">
      {VIEWS.map((t) => (
        <button
          key={t.view}
          type="button"
          role="tab"
          id={`${id}-tab-${t.view}`}
          aria-selected={view === t.view}
          tabIndex={view === t.view ? 0 : -1}
          onClick={() => onShow(t.view)}
          onKeyDown={onKeyDown}
          className={cn(
            "rounded px-3 py-1 text-sm font-medium outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50",
            view === t.view ? "bg-card text-foreground shadow-xs" : "text-muted-foreground hover:text-foreground",
          )}
        >
          {t.view === "form" ? tr("form") : t.label}
        </button>
      ))}
    </div>
  );
}
