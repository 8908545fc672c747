import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { authorize } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/api-tokens/tokens";
import { PageHeader } from "@/components/layout/page-header";
import { TokenManager } from "@/components/tokens/token-manager";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tokens"))("title") };
}

export default async function TokensPage() {
  const user = await requireUser("/settings/tokens");
  authorize(user, "tokens:manage");
  const tokens = await listApiTokens(user);
  const t = await getTranslations("tokens");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t.rich("description", { code: (chunks) => <code>{chunks}</code> })}
      />
      <TokenManager initial={tokens} />
    </>
  );
}
