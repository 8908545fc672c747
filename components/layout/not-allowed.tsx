import { ShieldX } from "lucide-react";
import { useTranslations } from "next-intl";
import { EmptyState } from "@/components/empty-state";

/** What a page shows a signed-in user whose role does not allow it (the server refuses the data too). */
export function NotAllowed({ what }: { what: "managingUsers" | "managingConnections" }) {
  const t = useTranslations("common");
  return (
    <div data-testid="not-allowed">
      <EmptyState icon={ShieldX} title={t("notAllowed", { what: t(`notAllowedWhat.${what}`) })}>
        {t("askAdmin")}
      </EmptyState>
    </div>
  );
}
