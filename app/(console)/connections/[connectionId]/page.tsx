import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import { canBrowse } from "@/lib/auth/scope";
import { getConnectionSummary } from "@/lib/connections";
import { can } from "@/lib/auth/permissions";
import { ALIYUN_BATCH_MAX_DEVICES } from "@/lib/platforms/limits";
import { supportsBatch } from "@/lib/products";
import { platformLabel } from "@/components/platform-label";
import { DeviceBrowser } from "@/components/devices/device-browser";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";

type Props = { params: Promise<{ connectionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { connectionId } = await params;
  const user = await getCurrentUser();
  // the title names the connection only for someone allowed to see it
  const connection = user && (await canBrowse(user, connectionId)) ? await getConnectionSummary(connectionId) : null;
  const t = await getTranslations("devices");
  return { title: connection ? `${connection.name} · ${t("title")}` : t("title") };
}

export default async function DevicesPage({ params }: Props) {
  const { connectionId } = await params;
  const user = await requireUser(`/connections/${connectionId}`);
  const connection = await getConnectionSummary(connectionId);
  if (!connection || !(await canBrowse(user, connection.id))) notFound();
  const batchMax = can(user, "invoke") && supportsBatch(connection.platform) ? ALIYUN_BATCH_MAX_DEVICES : null;
  const t = await getTranslations("connections");

  return (
    <>
      <Breadcrumb items={[{ label: t("title"), href: "/connections" }, { label: connection.name }]} />
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {connection.name}
            {connection.isDemo && <Badge variant="info">{t("demo")}</Badge>}
          </span>
        }
        description={
          <>
            {platformLabel(connection.platform)} · <span className="font-mono text-xs">{connection.endpoint}</span>
            {connection.orgId && <> · {t("org")} <span className="font-mono text-xs">{connection.orgId}</span></>}
          </>
        }
      />
      <DeviceBrowser connectionId={connection.id} batchMax={batchMax} />
    </>
  );
}
