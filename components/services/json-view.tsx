"use client";

import type { KeyboardEvent } from "react";
import { CircleCheck, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import type { FieldIssue } from "@/lib/invocations/types";
import { cn } from "@/components/ui/cn";

interface Props {
  id: string;
  text: string;
  onText: (text: string) => void;
  /** the text is not JSON (or not an object): nothing it says reached the form */
  parseProblem: string | null;
  /** schema errors of the parsed value, the same the form marks on its fields */
  issues: FieldIssue[];
  /** JSON fields of the form holding text that does not parse */
  pendingDrafts: number;
  disabled?: boolean;
}

/** The input as JSON text, in step with the form: each valid edit goes to the form at once. */
export function JsonView({ id, text, onText, parseProblem, issues, pendingDrafts, disabled }: Props) {
  const statusId = `${id}-status`;
  // Ctrl/Cmd+Enter invokes from the text, as Enter does from a form field
  const t = useTranslations("jsonView");
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.currentTarget.form?.requestSubmit();
    }
  };
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="sr-only">
        {t("inputAsJson")}
      </label>
      <textarea
        id={id}
        data-testid="input-json"
        value={text}
        onChange={(e) => onText(e.target.value)}
        onKeyDown={onKeyDown}
        disabled={disabled}
        spellCheck={false}
        rows={Math.min(28, Math.max(8, text.split("\n").length + 1))}
        aria-invalid={parseProblem !== null || undefined}
        aria-describedby={statusId}
        className={cn(
          "w-full rounded-md border border-input bg-card px-3 py-2 font-mono text-xs leading-relaxed shadow-xs outline-none",
          "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive",
        )}
      />
      <div id={statusId} aria-live="polite" data-testid="input-json-status">
        <JsonStatus parseProblem={parseProblem} issues={issues} pendingDrafts={pendingDrafts} />
      </div>
    </div>
  );
}

function JsonStatus({ parseProblem, issues, pendingDrafts }: Pick<Props, "parseProblem" | "issues" | "pendingDrafts">) {
  const t = useTranslations("jsonView");
  if (parseProblem) {
    return (
      <p className="flex items-start gap-1.5 text-sm text-destructive">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
        <span>
          {parseProblem} {t("keepsLastValid")}
        </span>
      </p>
    );
  }
  return (
    <div className="space-y-1 text-sm">
      {issues.length === 0 ? (
        <p className="flex items-center gap-1.5 text-muted-foreground">
          <CircleCheck className="size-4 text-emerald-600" aria-hidden="true" />
          {t("valid")}
        </p>
      ) : (
        <>
          <p className="font-medium text-destructive">
            {t("problems", { count: issues.length })}
          </p>
          <ul className="list-disc space-y-0.5 pl-5 text-destructive" data-testid="input-json-issues">
            {issues.map((issue) => (
              <li key={issue.path}>
                <code className="text-xs">{issue.path || "input"}</code> {issue.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {pendingDrafts > 0 && (
        <p className="text-amber-700 dark:text-amber-300">
          {t("pendingDrafts", { count: pendingDrafts })}
        </p>
      )}
    </div>
  );
}
