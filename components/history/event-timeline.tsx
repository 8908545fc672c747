import { useTranslations } from "next-intl";
import type { InvocationEventView } from "@/lib/invocations/types";
import { LocalTime } from "@/components/local-time";

function summary(data: unknown): string | null {
  if (data === null || data === undefined) return null;
  if (typeof data !== "object") return String(data);
  const entries = Object.entries(data as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
  return entries.length ? entries.map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`).join(" · ") : null;
}

export function EventTimeline({ events }: { events: InvocationEventView[] }) {
  const t = useTranslations("timeline");
  if (events.length === 0) return <p className="text-sm text-muted-foreground">{t("none")}</p>;
  return (
    <ol aria-label={t("label")} className="relative space-y-3 border-l pl-4">
      {events.map((e, i) => {
        const details = summary(e.data);
        return (
          <li key={`${e.at}-${i}`} className="relative">
            <span aria-hidden="true" className="absolute -left-[1.3rem] top-1.5 size-2 rounded-full bg-primary" />
            <div className="flex flex-wrap items-baseline gap-2 text-sm">
              <span className="font-medium">{e.type}</span>
              <span className="text-xs text-muted-foreground">
                <LocalTime iso={e.at} />
              </span>
            </div>
            {details && <p className="break-words font-mono text-xs text-muted-foreground">{details}</p>}
          </li>
        );
      })}
    </ol>
  );
}
