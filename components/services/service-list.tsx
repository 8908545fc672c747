import Link from "next/link";
import { useTranslations } from "next-intl";
import { text, type Locale, type ServiceSpec } from "@/lib/thing-model/types";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";

export function ServiceList({
  services,
  selectedId,
  hrefFor,
  locale,
}: {
  services: ServiceSpec[];
  selectedId: string;
  hrefFor: (serviceId: string) => string;
  locale: Locale;
}) {
  const t = useTranslations("services");
  return (
    <nav aria-label={t("title")}>
      <ul className="space-y-1">
        {services.map((s) => {
          const selected = s.identifier === selectedId;
          const name = text(s.name, locale);
          const description = text(s.description, locale);
          return (
            <li key={s.identifier}>
              <Link
                href={hrefFor(s.identifier)}
                scroll={false}
                aria-current={selected ? "page" : undefined}
                className={cn(
                  "block rounded-md border px-3 py-2 outline-none transition-colors hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50",
                  selected ? "border-primary/50 bg-primary/5" : "border-transparent",
                )}
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="truncate text-sm font-medium">{name || s.identifier}</span>
                  <Badge variant="outline" className="font-normal">
                    {s.callType}
                  </Badge>
                </span>
                <code className="block truncate text-xs text-muted-foreground">{s.identifier}</code>
                {description && <span className="mt-0.5 line-clamp-2 text-xs text-muted-foreground">{description}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
