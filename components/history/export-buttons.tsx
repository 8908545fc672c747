"use client";

import { useRef, useState } from "react";
import { Download, Loader2, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { EXPORT_CONTENT_TYPES, type ExportFormat } from "@/lib/invocations/export-format";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { recordCounter } from "./record-counter";

/**
 * Up to this many rows the file is fetched here, so a progress bar can count its rows against the
 * count taken first; the finished file is then handed to the browser. Larger exports go straight
 * to the browser's download manager, which writes them to disk as they stream (and shows its own
 * progress) instead of holding the whole file in this page's memory.
 */
const FETCHED_EXPORT_MAX_ROWS = 50_000;

interface Progress {
  format: ExportFormat;
  received: number;
  total: number | null;
}

export function ExportButtons({ filterQuery }: { filterQuery: string }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const t = useTranslations("export");
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function run(format: ExportFormat) {
    const controller = new AbortController();
    abort.current = controller;
    setNotice(null);
    setProgress({ format, received: 0, total: null });
    try {
      const url = `/api/v1/invocations/export?${new URLSearchParams([["format", format], ...new URLSearchParams(filterQuery)])}`;
      const count = await countRows(filterQuery, controller.signal);
      if (!count.exact || count.count > FETCHED_EXPORT_MAX_ROWS) {
        saveAs(url);
        setNotice({ error: false, text: t("direct", { max: FETCHED_EXPORT_MAX_ROWS }) });
        return;
      }
      setProgress({ format, received: 0, total: count.count });
      const blob = await download(url, format, controller.signal, (received) => setProgress((p) => p && { ...p, received }));
      const objectUrl = URL.createObjectURL(blob.data);
      saveAs(objectUrl, blob.name);
      setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
    } catch (error) {
      if (!controller.signal.aborted) setNotice({ error: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex items-center gap-2">
        {(["csv", "jsonl"] as const).map((format) => (
          <Button key={format} variant="outline" size="sm" disabled={progress !== null} onClick={() => void run(format)}>
            {progress?.format === format ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Download aria-hidden="true" />}
            {format === "csv" ? t("csv") : t("jsonl")}
          </Button>
        ))}
      </div>
      {progress && <ProgressBar progress={progress} onCancel={() => abort.current?.abort()} />}
      {notice && (
        <Alert variant={notice.error ? "destructive" : "default"} className="max-w-md">
          <AlertDescription>{notice.text}</AlertDescription>
        </Alert>
      )}
    </div>
  );
}

function ProgressBar({ progress, onCancel }: { progress: Progress; onCancel: () => void }) {
  const { received, total } = progress;
  const t = useTranslations("export");
  const label = total === null ? t("counting") : t("progress", { received, total });
  const percent = total ? Math.min(100, Math.round((received / total) * 100)) : 0;
  return (
    <div className="flex w-72 items-center gap-2" data-testid="export-progress">
      <div className="flex-1 space-y-1">
        <div
          role="progressbar"
          aria-label={t("progressLabel")}
          aria-valuemin={0}
          aria-valuemax={total ?? undefined}
          aria-valuenow={total === null ? undefined : received}
          className="h-1.5 overflow-hidden rounded-full bg-muted"
        >
          <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
        </div>
        <p className="text-xs text-muted-foreground" aria-live="polite">
          {label}
        </p>
      </div>
      <Button variant="ghost" size="icon-sm" onClick={onCancel} aria-label={t("cancel")}>
        <X aria-hidden="true" />
      </Button>
    </div>
  );
}

async function countRows(filterQuery: string, signal: AbortSignal): Promise<{ count: number; exact: boolean }> {
  const res = await fetch(`/api/v1/invocations/count?${filterQuery}`, { signal });
  if (!res.ok) throw new Error(await failure(res));
  return (await res.json()) as { count: number; exact: boolean };
}

async function download(url: string, format: ExportFormat, signal: AbortSignal, onRows: (n: number) => void): Promise<{ data: Blob; name: string }> {
  const res = await fetch(url, { signal });
  if (!res.ok || !res.body) throw new Error(await failure(res));
  const counter = recordCounter(format);
  const decoder = new TextDecoder();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onRows(counter.push(decoder.decode(value, { stream: true })));
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `invocations.${format}`;
  return { data: new Blob(chunks, { type: EXPORT_CONTENT_TYPES[format] }), name };
}

async function failure(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `The export failed (HTTP ${res.status}). Reload the page and try again.`; // i18n-ignore: outside React; rare
}

function saveAs(href: string, name?: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = name ?? "";
  document.body.appendChild(a);
  a.click();
  a.remove();
}
