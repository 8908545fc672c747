import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";

export default function ConsoleLoading() {
  const t = useTranslations("common");
  return (
    <div role="status" aria-label={t("loading")} className="space-y-4">
      <Skeleton className="h-4 w-48" />
      <Skeleton className="h-6 w-72" />
      <div className="space-y-2 rounded-lg border p-4">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    </div>
  );
}
