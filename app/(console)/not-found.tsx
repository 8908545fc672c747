import Link from "next/link";
import { SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import { EmptyState } from "@/components/empty-state";

export default function ConsoleNotFound() {
  const t = useTranslations("errors");
  return (
    <EmptyState icon={SearchX} title={t("notFound")}>
      <p>
        {t.rich("notFoundBody", {
          connections: (chunks) => (
            <Link href="/connections" className="text-primary hover:underline">
              {chunks}
            </Link>
          ),
          history: (chunks) => (
            <Link href="/history" className="text-primary hover:underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </EmptyState>
  );
}
