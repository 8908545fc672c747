import Link from "next/link";
import { GitCompare, RotateCcw } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { isLocale } from "@/lib/i18n/config";
import type { InvocationView } from "@/lib/invocations/types";
import { CopyableId } from "@/components/copyable-id";
import { InvocationIds } from "@/components/invocations/invocation-ids";
import { InvocationOutcome } from "@/components/invocations/invocation-outcome";
import { OutputTable } from "@/components/invocations/output-table";
import { JsonBlock } from "@/components/json-block";
import { LocalTime } from "@/components/local-time";
import { platformLabel } from "@/components/platform-label";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { deviceHref } from "@/components/devices/device-link";
import { EventTimeline } from "./event-timeline";
import { compareHref, invokeAgainHref } from "./invocation-links";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_minmax(0,1fr)] gap-2 py-1 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

/** Milliseconds between two ISO times, or null when either is missing. */
function span(from: string | null, to: string | null): number | null {
  return from && to ? new Date(to).getTime() - new Date(from).getTime() : null;
}


export function InvocationDetail({ invocation: inv, canInvoke }: { invocation: InvocationView; canInvoke: boolean }) {
  const device = { productKey: inv.productKey, deviceKey: inv.deviceKey, assetId: inv.assetId };
  const t = useTranslations("invocationDetail");
  const locale = useLocale();
  const format = useFormatter();
  // durations as numbers of the reader's locale, with the unit in their language
  const ms = (value: number | null): string => (value === null ? "—" : t("ms", { value: format.number(value) }));
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h1 className="flex flex-wrap items-center gap-2 text-lg font-semibold tracking-tight">
            {inv.serviceName ?? inv.serviceId}
            <code className="text-xs font-normal text-muted-foreground">{inv.serviceId}</code>
          </h1>
          <div className="flex items-center gap-2">
            {canInvoke && (
              <Button asChild size="sm">
                <Link href={invokeAgainHref(inv)}>
                  <RotateCcw aria-hidden="true" /> {t("invokeAgain")}
                </Link>
              </Button>
            )}
            <Button asChild variant="outline" size="sm">
              <Link href={compareHref(inv.id)}>
                <GitCompare aria-hidden="true" /> {t("compare")}
              </Link>
            </Button>
          </div>
        </div>
        <InvocationOutcome invocation={inv} />
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("request")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl>
              <Field label={t("user")}>
                {inv.userEmail} <span className="text-muted-foreground">({inv.userRole})</span>
                <dl className="mt-0.5">
                  <CopyableId label={t("userId")} value={inv.userId} />
                </dl>
              </Field>
              <Field label={t("connection")}>
                {inv.connectionName} · {platformLabel(inv.platform)}
                {inv.orgId && <span className="font-mono text-xs"> · {inv.orgId}</span>}
              </Field>
              <Field label={t("device")}>
                <Link href={deviceHref(inv.connectionId, device, inv.serviceId)} className="text-primary hover:underline">
                  {inv.deviceName || inv.deviceKey}
                </Link>
                <span className="font-mono text-xs text-muted-foreground">
                  {" "}
                  {inv.productKey} / {inv.deviceKey}
                  {inv.assetId && ` / ${inv.assetId}`}
                </span>
              </Field>
              <Field label={t("mode")}>
                {inv.mode} · {t("timeout", { s: inv.timeoutMs / 1000 })}
                {inv.pendingTtlS ? ` · ${t("pendingTtl", { s: inv.pendingTtlS })}` : ""}
              </Field>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("times")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl>
              <Field label={t("requestedAt")}><LocalTime iso={inv.requestedAt} /></Field>
              <Field label={t("sentAt")}><LocalTime iso={inv.sentAt} /></Field>
              <Field label={t("deviceRepliedAt")}><LocalTime iso={inv.deviceRepliedAt} /></Field>
              <Field label={t("completedAt")}><LocalTime iso={inv.completedAt} /></Field>
              <Field label={t("toPlatform")}>{ms(span(inv.requestedAt, inv.sentAt))}</Field>
              <Field label={t("deviceReply")}>{ms(span(inv.sentAt, inv.deviceRepliedAt))}</Field>
              <Field label={t("totalLatency")}>{ms(inv.latencyMs)}</Field>
            </dl>
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("identifiers")}</CardTitle>
        </CardHeader>
        <CardContent>
          <InvocationIds invocation={inv} />
          {inv.rawState && <p className="mt-2 text-xs text-muted-foreground">{t("platformState", { state: inv.rawState })}</p>}
        </CardContent>
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("input")}</CardTitle>
          </CardHeader>
          <CardContent>
            <JsonBlock value={inv.input} label={t("inputJson")} testId="invocation-input" />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("output")}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-2" data-testid="invocation-output">
            {inv.output === null || inv.output === undefined ? (
              <p className="text-sm text-muted-foreground">{t("noOutput")}</p>
            ) : (
              <>
                <OutputTable output={inv.output} params={[]} locale={isLocale(locale) ? locale : "en-US"} />
                <JsonBlock value={inv.output} label={t("rawOutputJson")} testId="invocation-output-json" />
              </>
            )}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("timeline")}</CardTitle>
        </CardHeader>
        <CardContent>
          <EventTimeline events={inv.events ?? []} />
        </CardContent>
      </Card>
    </div>
  );
}
