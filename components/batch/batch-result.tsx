"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArrowRight, Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { localizeOutcomeMessage } from "@/lib/platforms/localize";
import { getBatchAction } from "@/app/_actions/get-batch";
import { batchStillMoving, batchSummary, type BatchView } from "@/lib/invocations/batch-view";
import type { InvocationView } from "@/lib/invocations/types";
import type { Locale, ParamSpec } from "@/lib/thing-model/types";
import { formatValue } from "@/components/invocations/format-value";
import { InvocationStatusBadge } from "@/components/invocation-status-badge";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

const WATCH_INTERVAL_MS = 1_500;

/** One row per device of a batch, kept up to date until no device's reply is awaited any more. */
export function BatchResult({ batch, outputs, locale }: { batch: BatchView; outputs: ParamSpec[]; locale: Locale }) {
  const live = useQuery({
    queryKey: ["batch", batch.batchId],
    initialData: batch,
    queryFn: async () => {
      const result = await getBatchAction({ batchId: batch.batchId, watching: true });
      if (!result.ok) throw new Error(result.message);
      return result.batch;
    },
    refetchInterval: (q) => (q.state.data && batchStillMoving(q.state.data) ? WATCH_INTERVAL_MS : false),
    refetchIntervalInBackground: true,
  });
  const current = live.data;
  const moving = batchStillMoving(current);
  const requestId = current.rows.find((r) => r.platformRequestId)?.platformRequestId;
  const t = useTranslations("batchResult");

  return (
    <Card aria-labelledby="batch-result-title" data-testid="batch-result">
      <CardHeader>
        <CardTitle id="batch-result-title">{t("title")}</CardTitle>
        <CardDescription>
          <span data-testid="batch-summary">{batchSummary(current)}</span>
          {requestId && (
            <>
              {" · "}{t("request")} <code className="text-xs">{requestId}</code>
            </>
          )}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-2">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("device")}</TableHead>
              <TableHead>{t("status")}</TableHead>
              <TableHead>{t("outputOrMessage")}</TableHead>
              <TableHead className="text-right">{t("latency")}</TableHead>
              <TableHead>
                <span className="sr-only">{t("history")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {current.rows.map((row) => (
              <TableRow key={row.id} data-testid="batch-row" data-device={row.deviceKey}>
                <TableCell>
                  <span className="font-medium">{row.deviceName || row.deviceKey}</span>
                  {row.deviceName && row.deviceName !== row.deviceKey && <span className="ml-1 font-mono text-xs text-muted-foreground">{row.deviceKey}</span>}
                </TableCell>
                <TableCell>
                  <InvocationStatusBadge status={row.status} testId="batch-row-status" />
                </TableCell>
                <TableCell className="max-w-md whitespace-normal text-xs">
                  <RowOutcome row={row} outputs={outputs} locale={locale} />
                </TableCell>
                <TableCell className="text-right text-xs tabular-nums text-muted-foreground">{row.latencyMs !== null ? t("ms", { ms: row.latencyMs }) : "—"}</TableCell>
                <TableCell>
                  <Link href={`/history/${row.id}`} className="inline-flex items-center gap-1 text-xs text-primary hover:underline">
                    {t("history")} <ArrowRight className="size-3" aria-hidden="true" />
                  </Link>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {moving && (
          <p className="flex items-center gap-2 text-xs text-muted-foreground" role="status">
            <Loader2 className="size-3.5 animate-spin" aria-hidden="true" />
            {t("watching")}
          </p>
        )}
        {live.isError && (
          <Alert variant="destructive">
            <AlertDescription>{live.error.message}</AlertDescription>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}

function RowOutcome({ row, outputs, locale }: { row: InvocationView; outputs: ParamSpec[]; locale: Locale }) {
  const t = useTranslations("batchResult");
  if (row.status === "SUCCEEDED" && row.output && typeof row.output === "object" && !Array.isArray(row.output)) {
    const entries = Object.entries(row.output as Record<string, unknown>);
    if (entries.length === 0) return <span className="text-muted-foreground">{t("noOutput")}</span>;
    return (
      <span className="font-mono">
        {entries.map(([k, v]) => `${k}: ${formatValue(v, outputs.find((p) => p.identifier === k), locale)}`).join(", ")}
      </span>
    );
  }
  const message = localizeOutcomeMessage(row, locale) ?? row.platformMessage;
  if (!message) return <span className="text-muted-foreground">—</span>;
  return <span className={row.status === "SENT" || row.status === "SUCCEEDED" ? "text-muted-foreground" : "text-destructive"}>{message}</span>;
}
