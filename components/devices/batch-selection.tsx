"use client";

import Link from "next/link";
import { Layers } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

interface Props {
  count: number;
  max: number;
  /** devices of the current page that are not selected yet */
  pageRemaining: number;
  /** set when "Select page" could not take the whole page */
  note: string | null;
  batchHref: string;
  onSelectPage: () => void;
  onClear: () => void;
}

/** What is selected for a batch invocation, and the way to it. */
export function BatchSelection({ count, max, pageRemaining, note, batchHref, onSelectPage, onClear }: Props) {
  const full = count >= max;
  const t = useTranslations("batchSelection");
  return (
    <div role="region" aria-label={t("label")} className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm">
      <span data-testid="batch-selection-count" aria-live="polite" className="tabular-nums">
        {t("count", { count, max })}
      </span>
      <Button variant="outline" size="sm" onClick={onSelectPage} disabled={full || pageRemaining === 0}>
        {t("selectPage")}
      </Button>
      <Button variant="ghost" size="sm" onClick={onClear} disabled={count === 0}>
        {t("clear")}
      </Button>
      {count > 0 ? (
        <Button size="sm" asChild>
          <Link href={batchHref}>
            <Layers aria-hidden="true" /> {t("invokeOn", { count })}
          </Link>
        </Button>
      ) : (
        <span className="text-xs text-muted-foreground">{t("hint")}</span>
      )}
      {(note || full) && (
        <span className="text-xs text-muted-foreground" role="status">
          {note ?? t("max", { max })}
        </span>
      )}
    </div>
  );
}
