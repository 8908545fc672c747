import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { ConnectionForm } from "@/components/admin/connection-form";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { NotAllowed } from "@/components/layout/not-allowed";
import { PageHeader } from "@/components/layout/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminConnections"))("add") };
}

export default async function NewConnectionPage() {
  const user = await requireUser("/admin/connections/new");
  if (!can(user, "connections:manage")) return <NotAllowed what="managingConnections" />;
  const t = await getTranslations("adminConnections");
  return (
    <>
      <Breadcrumb items={[{ label: t("title"), href: "/admin/connections" }, { label: t("addShort") }]} />
      <PageHeader title={t("add")} />
      <ConnectionForm existing={null} />
    </>
  );
}
