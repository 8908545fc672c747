import Link from "next/link";
import { GitCompare } from "lucide-react";
import { useTranslations } from "next-intl";
import type { InvocationView } from "@/lib/invocations/types";
import { EmptyState } from "@/components/empty-state";
import { InvocationStatusBadge } from "@/components/invocation-status-badge";
import { LocalTime } from "@/components/local-time";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { JsonDiffTable } from "./json-diff-table";

/** This invocation's output (and input) against the previous invocation of the same service on the same device. */
export function InvocationCompare({ current, previous }: { current: InvocationView; previous: InvocationView | null }) {
  const t = useTranslations("diff");
  return (
    <div className="space-y-4">
      <h1 className="flex flex-wrap items-center gap-2 text-lg font-semibold tracking-tight">
        {t("compareTitle", { service: current.serviceName ?? current.serviceId })}
        <span className="text-sm font-normal text-muted-foreground">
          {t("onDevice", { device: current.deviceName || current.deviceKey })} <code className="text-xs">{current.deviceKey}</code>
        </span>
      </h1>
      {!previous ? (
        <EmptyState icon={GitCompare} title={t("nothing")}>
          {t("nothingHint", { service: current.serviceId, device: current.deviceKey })}
        </EmptyState>
      ) : (
        <>
          <div className="grid gap-4 md:grid-cols-2">
            <Side title={t("previous")} invocation={previous} />
            <Side title={t("thisOne")} invocation={current} />
          </div>
          <Card>
            <CardHeader>
              <CardTitle>{t("output")}</CardTitle>
            </CardHeader>
            <CardContent data-testid="output-diff">
              <JsonDiffTable before={previous.output ?? null} after={current.output ?? null} what="output" />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("input")}</CardTitle>
            </CardHeader>
            <CardContent data-testid="input-diff">
              <JsonDiffTable before={previous.input} after={current.input} what="input" />
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}

function Side({ title, invocation: inv }: { title: string; invocation: InvocationView }) {
  const t = useTranslations("diff");
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          {title} <InvocationStatusBadge status={inv.status} />
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-1 text-sm">
        <p>
          <Link href={`/history/${inv.id}`} className="text-primary hover:underline">
            <LocalTime iso={inv.requestedAt} />
          </Link>{" "}
          {t("by", { user: inv.userEmail })}
        </p>
        <p className="font-mono text-xs text-muted-foreground">{inv.id}</p>
      </CardContent>
    </Card>
  );
}
