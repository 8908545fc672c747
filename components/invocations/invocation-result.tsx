import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { useTranslations } from "next-intl";
import type { InvocationView } from "@/lib/invocations/types";
import type { Locale, ParamSpec } from "@/lib/thing-model/types";
import { JsonBlock } from "@/components/json-block";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { InvocationIds } from "./invocation-ids";
import { InvocationOutcome } from "./invocation-outcome";
import { OutputTable } from "./output-table";

export function InvocationResult({
  invocation,
  outputs,
  locale,
}: {
  invocation: InvocationView;
  outputs: ParamSpec[];
  locale: Locale;
}) {
  const hasOutput = invocation.output !== null && invocation.output !== undefined;
  const t = useTranslations("invocation");
  return (
    <Card aria-labelledby="invocation-result-title" data-testid="invocation-result">
      <CardHeader className="flex flex-row items-center justify-between gap-2">
        <CardTitle id="invocation-result-title">{t("result")}</CardTitle>
        <Link href={`/history/${invocation.id}`} className="inline-flex items-center gap-1 text-sm text-primary hover:underline">
          {t("viewInHistory")} <ArrowRight className="size-3.5" aria-hidden="true" />
        </Link>
      </CardHeader>
      <CardContent className="space-y-4">
        <InvocationOutcome invocation={invocation} />
        {hasOutput && (
          <section aria-label={t("output")} data-testid="invocation-output" className="space-y-2">
            <OutputTable output={invocation.output} params={outputs} locale={locale} />
            <JsonBlock value={invocation.output} label={t("rawOutputJson")} testId="invocation-output-json" />
          </section>
        )}
        <InvocationIds invocation={invocation} />
      </CardContent>
    </Card>
  );
}
