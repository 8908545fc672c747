import { TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import type { FieldIssue } from "@/lib/invocations/types";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

export function IssueSummary({ message, issues, signIn }: { message: string; issues: FieldIssue[]; signIn?: boolean }) {
  const t = useTranslations("invoke");
  return (
    <Alert variant="destructive" data-testid="invoke-error">
      <TriangleAlert aria-hidden="true" />
      <AlertTitle>{message}</AlertTitle>
      {signIn && (
        <AlertDescription>
          <a href={`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`} className="underline">
            {t("signInAgain")}
          </a>
        </AlertDescription>
      )}
      {issues.length > 0 && (
        <AlertDescription>
          <ul className="list-disc space-y-0.5 pl-4">
            {issues.map((issue, i) => (
              <li key={`${issue.path}-${i}`}>
                {issue.path && <code className="mr-1 text-xs">{issue.path}</code>}
                {issue.message}
              </li>
            ))}
          </ul>
        </AlertDescription>
      )}
    </Alert>
  );
}
