"use client";

import { useSyncExternalStore } from "react";
import { useLocale } from "next-intl";

const subscribe = () => () => {};

/**
 * Local time in the browser's time zone, written the way the chosen language writes dates; the server
 * (and the first paint) shows UTC so hydration matches. Hovering shows the UTC instant.
 */
export function LocalTime({ iso, fallback = "—" }: { iso: string | null | undefined; fallback?: string }) {
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  const locale = useLocale();
  if (!iso) return <span className="text-muted-foreground">{fallback}</span>;
  const date = new Date(iso);
  const text = hydrated
    ? date.toLocaleString(locale, {
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hour12: false,
      })
    : `${iso.slice(0, 19).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap tabular-nums">
      {text}
    </time>
  );
}
