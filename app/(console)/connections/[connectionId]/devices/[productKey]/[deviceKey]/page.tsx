import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FileQuestion, TriangleAlert } from "lucide-react";
import { requireUser } from "@/lib/auth/session";
import { can, ForbiddenError, OutOfScopeError } from "@/lib/auth/permissions";
import { canBrowse } from "@/lib/auth/scope";
import { dangerousServiceIds } from "@/lib/invocations/dangerous";
import { invocationPrefill } from "@/lib/invocations/prefill";
import { ConnectionNotFoundError, getConnectionSummary } from "@/lib/connections";
import { getDeviceWithServices, type DeviceWithServices } from "@/lib/devices";
import { PlatformError, type DeviceRef } from "@/lib/platforms/types";
import { deviceHref } from "@/components/devices/device-link";
import { DeviceHeader } from "@/components/devices/device-header";
import { EmptyState } from "@/components/empty-state";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { requestLocale } from "@/components/locale";
import { ServiceList } from "@/components/services/service-list";
import { ServicePanel } from "@/components/services/service-panel";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

type Params = { connectionId: string; productKey: string; deviceKey: string };
type Props = { params: Promise<Params>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("device") };
}

const one = (v: string | string[] | undefined): string | undefined => (typeof v === "string" && v ? v : undefined);

export default async function DevicePage({ params, searchParams }: Props) {
  const p = await params;
  const search = await searchParams;
  const ref: DeviceRef = { productKey: p.productKey, deviceKey: p.deviceKey, assetId: one(search.assetId), iotId: one(search.iotId) };
  const user = await requireUser(deviceHref(p.connectionId, ref, one(search.service)));

  const connection = await getConnectionSummary(p.connectionId);
  if (!connection || !(await canBrowse(user, connection.id))) notFound();
  const t = await getTranslations("device");
  const trail = [
    { label: t("connections"), href: "/connections" },
    { label: connection.name, href: `/connections/${connection.id}` },
  ];

  let loaded: DeviceWithServices;
  try {
    loaded = await getDeviceWithServices(user, connection.id, ref);
  } catch (error) {
    const expected = [PlatformError, ConnectionNotFoundError, ForbiddenError, OutOfScopeError] as const;
    if (!(error instanceof Error) || !expected.some((type) => error instanceof type)) throw error;
    return (
      <>
        <Breadcrumb items={[...trail, { label: ref.deviceKey }]} />
        <Alert variant="destructive">
          <TriangleAlert aria-hidden="true" />
          <AlertTitle>{t("couldNotLoad", { deviceKey: ref.deviceKey })}</AlertTitle>
          <AlertDescription>{error.message}</AlertDescription>
        </Alert>
      </>
    );
  }

  const { device, services } = loaded;
  const locale = await requestLocale();
  const selected = services.find((s) => s.identifier === one(search.service)) ?? services[0];
  const target = selected && { connectionId: connection.id, productKey: device.productKey, deviceKey: device.deviceKey, serviceId: selected.identifier };
  const prefill = target && (await invocationPrefill(user, one(search.from), target));
  const dangerous = selected ? (await dangerousServiceIds(connection.id, device.productKey)).has(selected.identifier) : false;
  return (
    <>
      <Breadcrumb items={[...trail, { label: device.name || device.deviceKey }]} />
      <DeviceHeader device={device} />
      {selected ? (
        <div className="grid gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
          <ServiceList
            services={services}
            selectedId={selected.identifier}
            hrefFor={(id) => deviceHref(connection.id, { ...device, assetId: device.assetId ?? ref.assetId, iotId: device.iotId ?? ref.iotId }, id)}
            locale={locale}
          />
          <ServicePanel
            connectionId={connection.id}
            platform={connection.platform}
            device={device}
            service={selected}
            locale={locale}
            prefill={prefill}
            danger={{ dangerous, canConfigure: can(user, "services:configure") }}
          />
        </div>
      ) : (
        <EmptyState icon={FileQuestion} title={t("noServices")}>
          {t("noServicesHint")}
        </EmptyState>
      )}
    </>
  );
}
