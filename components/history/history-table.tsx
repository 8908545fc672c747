"use client";

import { useState } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { GitCompare, History, Loader2, RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { listInvocationsAction } from "@/app/_actions/list-invocations";
import type { InvocationPage, InvocationView } from "@/lib/invocations/types";
import { EmptyState } from "@/components/empty-state";
import { InvocationStatusBadge } from "@/components/invocation-status-badge";
import { LocalTime } from "@/components/local-time";
import { platformCodeLabel } from "@/components/platform-label";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { compareHref, invokeAgainHref } from "./invocation-links";

interface Props {
  firstPage: InvocationPage;
  count: { count: number; exact: boolean };
  /** the filters as a query string, for the next pages */
  filterQuery: string;
  pageSize: number;
  canInvoke: boolean;
}

export function HistoryTable({ firstPage, count, filterQuery, pageSize, canInvoke }: Props) {
  const [items, setItems] = useState<InvocationView[]>(firstPage.items);
  const [cursor, setCursor] = useState<string | null>(firstPage.nextCursor);
  const t = useTranslations("historyTable");
  const more = useMutation({
    mutationFn: async (from: string) => {
      const result = await listInvocationsAction({ filter: filterQuery, cursor: from, limit: pageSize });
      if (!result.ok) throw new Error(result.message);
      return result.page;
    },
    onSuccess: (page) => {
      setItems((prev) => [...prev, ...page.items.filter((i) => !prev.some((p) => p.id === i.id))]);
      setCursor(page.nextCursor);
    },
  });

  if (items.length === 0) {
    return filterQuery ? (
      <EmptyState icon={History} title={t("noMatch")}>
        {t("noMatchHint")}
      </EmptyState>
    ) : (
      <EmptyState icon={History} title={t("none")}>
        {t("noneHint")}
      </EmptyState>
    );
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-muted-foreground" data-testid="history-count">
        {count.exact ? t("countExact", { count: count.count }) : t("countMore", { count: count.count })}
      </p>
      <Card className="py-0">
        <Table aria-label={t("label")}>
          <TableHeader>
            <TableRow>
              <TableHead>{t("requestedAt")}</TableHead>
              <TableHead>{t("deviceRepliedAt")}</TableHead>
              <TableHead>{t("completedAt")}</TableHead>
              <TableHead>{t("status")}</TableHead>
              <TableHead>{t("user")}</TableHead>
              <TableHead>{t("connection")}</TableHead>
              <TableHead>{t("device")}</TableHead>
              <TableHead>{t("service")}</TableHead>
              <TableHead>{t("platformCode")}</TableHead>
              <TableHead>
                <span className="sr-only">{t("actions")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((inv) => (
              <HistoryRow key={inv.id} invocation={inv} canInvoke={canInvoke} />
            ))}
          </TableBody>
        </Table>
      </Card>
      {more.isError && (
        <Alert variant="destructive">
          <AlertDescription>{more.error.message}</AlertDescription>
        </Alert>
      )}
      <div className="flex items-center justify-between text-sm text-muted-foreground">
        <span aria-live="polite">
          {t("shown", { count: items.length })}
        </span>
        {cursor && (
          <Button variant="outline" size="sm" disabled={more.isPending} onClick={() => more.mutate(cursor)}>
            {more.isPending && <Loader2 className="animate-spin" aria-hidden="true" />}
            {t("loadMore")}
          </Button>
        )}
      </div>
    </div>
  );
}

function HistoryRow({ invocation: inv, canInvoke }: { invocation: InvocationView; canInvoke: boolean }) {
  const t = useTranslations("historyTable");
  return (
    <TableRow className="relative" data-invocation-id={inv.id}>
      <TableCell>
        <Link
          href={`/history/${inv.id}`}
          className="rounded-sm outline-none after:absolute after:inset-0 hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <LocalTime iso={inv.requestedAt} />
        </Link>
      </TableCell>
      <TableCell>
        <LocalTime iso={inv.deviceRepliedAt} />
      </TableCell>
      <TableCell>
        <LocalTime iso={inv.completedAt} />
      </TableCell>
      <TableCell>
        <InvocationStatusBadge status={inv.status} />
      </TableCell>
      <TableCell className="max-w-48 truncate">{inv.userEmail}</TableCell>
      <TableCell className="max-w-40 truncate">{inv.connectionName}</TableCell>
      <TableCell>
        <span className="block max-w-48 truncate">{inv.deviceName || inv.deviceKey}</span>
        <code className="text-xs text-muted-foreground">{inv.deviceKey}</code>
      </TableCell>
      <TableCell>
        <code className="text-xs">{inv.serviceId}</code>
      </TableCell>
      <TableCell className="font-mono text-xs">{platformCodeLabel(inv.platform, inv.platformCode) ?? "—"}</TableCell>
      <TableCell>
        {/* above the row's stretched link, so these stay clickable */}
        <div className="relative z-10 flex items-center justify-end gap-0.5">
          {canInvoke && (
            <Button asChild variant="ghost" size="icon-sm" title={t("invokeAgain")}>
              <Link href={invokeAgainHref(inv)} aria-label={t("invokeAgainLabel", { service: inv.serviceId, device: inv.deviceKey })}>
                <RotateCcw aria-hidden="true" />
              </Link>
            </Button>
          )}
          <Button asChild variant="ghost" size="icon-sm" title={t("compare")}>
            <Link href={compareHref(inv.id)} aria-label={t("compareLabel", { service: inv.serviceId, device: inv.deviceKey })}>
              <GitCompare aria-hidden="true" />
            </Link>
          </Button>
        </div>
      </TableCell>
    </TableRow>
  );
}
