import { useLocale, useTranslations } from "next-intl";
import type { InvocationView } from "@/lib/invocations/types";
import { isLocale } from "@/lib/i18n/config";
import { localizeOutcomeMessage } from "@/lib/platforms/localize";
import { InvocationStatusBadge } from "@/components/invocation-status-badge";
import { platformCodeLabel, rawStateLabel } from "@/components/platform-label";

/** Status, the engineer-friendly message and the platform's raw code when the call did not succeed. */
export function InvocationOutcome({ invocation }: { invocation: InvocationView }) {
  const t = useTranslations("invocation");
  const locale = useLocale();
  const succeeded = invocation.status === "SUCCEEDED";
  // stored in English; shown in the reader's language when rebuilt from the platform code (raw code stays beside it)
  const localized = isLocale(locale) ? localizeOutcomeMessage(invocation, locale) : invocation.message;
  const message = localized ?? (succeeded ? null : invocation.platformMessage);
  const code = succeeded ? null : platformCodeLabel(invocation.platform, invocation.platformCode);
  const state = rawStateLabel(invocation.platform, invocation.rawState);
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <InvocationStatusBadge status={invocation.status} testId="invocation-status" />
        {code && (
          <code className="rounded bg-muted px-1.5 py-0.5 text-xs" data-testid="invocation-platform-code" title={t("platformCode")}>
            {code}
          </code>
        )}
        {state && (
          <span className="text-xs text-muted-foreground" data-testid="invocation-raw-state">
            {state}
          </span>
        )}
        {invocation.latencyMs !== null && (
          <span className="text-xs text-muted-foreground tabular-nums">{t("latencyMs", { ms: invocation.latencyMs })}</span>
        )}
      </div>
      {message && (
        <p data-testid="invocation-message" className={succeeded ? "text-sm" : "text-sm text-destructive"}>
          {message}
        </p>
      )}
      {!succeeded && invocation.platformMessage && invocation.platformMessage !== invocation.message && (
        <p className="text-xs text-muted-foreground">
          {t("platformSaid")} <span className="font-mono">{invocation.platformMessage}</span>
        </p>
      )}
    </div>
  );
}
