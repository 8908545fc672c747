"use client";

import Link from "next/link";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ChevronLeft, ChevronRight, Cpu, Loader2, RotateCw, TriangleAlert } from "lucide-react";
import type { DeviceSummary, Page } from "@/lib/platforms/types";
import { DeviceStatusBadge } from "@/components/device-status-badge";
import { EmptyState } from "@/components/empty-state";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { deviceHref } from "./device-link";

/** Ticking devices for a batch (one product, up to a limit). */
export interface DeviceSelection {
  isSelected: (deviceKey: string) => boolean;
  canSelectMore: boolean;
  toggle: (deviceKey: string, on: boolean) => void;
}

interface Props {
  connectionId: string;
  query: UseQueryResult<Page<DeviceSummary>>;
  q: string;
  /** the product filter ("" = all products) */
  product?: string;
  page: number;
  onPage: (page: number) => void;
  /** set when devices can be ticked for a batch */
  selection?: DeviceSelection;
}

export function DeviceResults({ connectionId, query, q, product, page, onPage, selection }: Props) {
  const t = useTranslations("devices");
  if (query.isError && !query.isFetching) {
    return (
      <Alert variant="destructive">
        <TriangleAlert aria-hidden="true" />
        <AlertTitle>{t("couldNotLoad")}</AlertTitle>
        <AlertDescription>
          <p>{query.error.message}</p>
          <Button variant="outline" size="sm" onClick={() => query.refetch()}>
            <RotateCw aria-hidden="true" /> {t("retry")}
          </Button>
        </AlertDescription>
      </Alert>
    );
  }
  const data = query.data;
  if (!data) return <DeviceTableSkeleton />;
  if (data.items.length === 0 && !query.isPlaceholderData && page > 1) {
    return (
      <EmptyState icon={Cpu} title={t("pastLastPage", { page })}>
        <Button variant="outline" size="sm" onClick={() => onPage(1)}>
          {t("firstPage")}
        </Button>
      </EmptyState>
    );
  }
  if (data.items.length === 0 && !query.isPlaceholderData) {
    return (
      <EmptyState icon={Cpu} title={q ? t("noMatch", { q }) : product ? t("noneInProduct", { product }) : t("noneOnConnection")}>
        {q ? t("noMatchHint") : t("noneHint")}
      </EmptyState>
    );
  }

  const pages = Math.max(1, Math.ceil(data.total / Math.max(1, data.pageSize)));
  return (
    <div className="space-y-2">
      <Card className="py-0" aria-busy={query.isFetching}>
        <Table className={query.isPlaceholderData ? "opacity-60" : undefined}>
          <TableHeader>
            <TableRow>
              {selection && (
                <TableHead className="w-8">
                  <span className="sr-only">{t("selectForBatch")}</span>
                </TableHead>
              )}
              <TableHead>{t("name")}</TableHead>
              <TableHead>{t("deviceKey")}</TableHead>
              <TableHead>{t("assetId")}</TableHead>
              <TableHead>{t("product")}</TableHead>
              <TableHead>{t("status")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.items.map((d) => (
              <TableRow key={`${d.productKey}/${d.deviceKey}`} className="relative" data-state={selection?.isSelected(d.deviceKey) ? "selected" : undefined}>
                {selection && (
                  <TableCell>
                    <SelectBox device={d} selection={selection} />
                  </TableCell>
                )}
                <TableCell className="font-medium">
                  <Link
                    href={deviceHref(connectionId, d)}
                    className="rounded-sm outline-none after:absolute after:inset-0 hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
                  >
                    {d.name || d.deviceKey}
                  </Link>
                </TableCell>
                <TableCell className="font-mono text-xs">{d.deviceKey}</TableCell>
                <TableCell className="font-mono text-xs">{d.assetId ?? d.iotId ?? "—"}</TableCell>
                <TableCell>
                  <span>{d.productName ?? d.productKey}</span>
                  {d.productName && <span className="ml-1 font-mono text-xs text-muted-foreground">{d.productKey}</span>}
                </TableCell>
                <TableCell>
                  <DeviceStatusBadge status={d.status} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <nav aria-label={t("pages")} className="flex items-center justify-between gap-2 text-sm text-muted-foreground">
        <span aria-live="polite" className="flex items-center gap-2">
          {t("pageOf", { page: data.pageNo, pages, total: data.total })}
          {query.isFetching && <Loader2 className="size-4 animate-spin" aria-label={t("loading")} />}
        </span>
        <div className="flex gap-2">
          <Button variant="outline" size="sm" disabled={page <= 1 || query.isFetching} onClick={() => onPage(page - 1)}>
            <ChevronLeft aria-hidden="true" /> {t("prev")}
          </Button>
          <Button variant="outline" size="sm" disabled={page >= pages || query.isFetching} onClick={() => onPage(page + 1)}>
            {t("next")} <ChevronRight aria-hidden="true" />
          </Button>
        </div>
      </nav>
    </div>
  );
}

function SelectBox({ device, selection }: { device: DeviceSummary; selection: DeviceSelection }) {
  const checked = selection.isSelected(device.deviceKey);
  const t = useTranslations("devices");
  return (
    // above the row link's click area (the link covers the row)
    <input
      type="checkbox"
      className="relative z-10 size-4 cursor-pointer accent-primary align-middle disabled:cursor-not-allowed"
      aria-label={t("selectOne", { name: device.name || device.deviceKey })}
      checked={checked}
      disabled={!checked && !selection.canSelectMore}
      onChange={(e) => selection.toggle(device.deviceKey, e.target.checked)}
    />
  );
}

function DeviceTableSkeleton() {
  const t = useTranslations("devices");
  return (
    <Card className="gap-0 py-0" aria-busy="true" aria-label={t("loadingDevices")}>
      <div className="h-9 border-b bg-muted/50" />
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="flex items-center gap-6 border-b px-3 py-2.5 last:border-0">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-4 w-28" />
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-5 w-14" />
        </div>
      ))}
    </Card>
  );
}
