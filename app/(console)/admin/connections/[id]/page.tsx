import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getConnectionForEdit } from "@/lib/admin/connections";
import { ConnectionForm } from "@/components/admin/connection-form";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { NotAllowed } from "@/components/layout/not-allowed";
import { PageHeader } from "@/components/layout/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("editConnection") };
}

type Props = { params: Promise<{ id: string }> };

export default async function EditConnectionPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/admin/connections/${id}`);
  if (!can(user, "connections:manage")) return <NotAllowed what="managingConnections" />;
  const connection = await getConnectionForEdit(user, id);
  if (!connection) notFound();
  const t = await getTranslations("adminConnections");
  return (
    <>
      <Breadcrumb items={[{ label: t("title"), href: "/admin/connections" }, { label: connection.name }]} />
      <PageHeader title={t("editNamed", { name: connection.name })} />
      <ConnectionForm existing={connection} />
    </>
  );
}
