import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { historyScope } from "@/lib/auth/scope";
import { requireUser } from "@/lib/auth/session";
import { getInvocation } from "@/lib/invocations/queries";
import { InvocationDetail } from "@/components/history/invocation-detail";
import { Breadcrumb } from "@/components/layout/breadcrumb";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("invocation") };
}

export default async function InvocationPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/history/${id}`);
  const invocation = await getInvocation(id, await historyScope(user));
  if (!invocation) notFound();
  const t = await getTranslations("titles");
  return (
    <>
      <Breadcrumb items={[{ label: t("history"), href: "/history" }, { label: invocation.serviceName ?? invocation.serviceId }]} />
      <InvocationDetail invocation={invocation} canInvoke={can(user, "invoke")} />
    </>
  );
}
