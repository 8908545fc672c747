import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { historyScope } from "@/lib/auth/scope";
import { requireUser } from "@/lib/auth/session";
import { getInvocation, getPreviousInvocation } from "@/lib/invocations/queries";
import { InvocationCompare } from "@/components/history/invocation-compare";
import { Breadcrumb } from "@/components/layout/breadcrumb";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("compare") };
}

export default async function ComparePage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/history/${id}/compare`);
  const scope = await historyScope(user);
  const current = await getInvocation(id, scope);
  if (!current) notFound();
  const previous = await getPreviousInvocation(current, scope);
  const t = await getTranslations("titles");
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("history"), href: "/history" },
          { label: current.serviceName ?? current.serviceId, href: `/history/${current.id}` },
          { label: t("compareShort") },
        ]}
      />
      <InvocationCompare current={current} previous={previous} />
    </>
  );
}
