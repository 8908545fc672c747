import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FileQuestion, TriangleAlert } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { ForbiddenError, OutOfScopeError } from "@/lib/auth/permissions";
import { canBrowse, canInvokeOn } from "@/lib/auth/scope";
import { requireUser } from "@/lib/auth/session";
import { ConnectionNotFoundError, getConnectionSummary } from "@/lib/connections";
import { getDeviceWithServices } from "@/lib/devices";
import { deviceListIssues } from "@/lib/invocations/batch";
import { dangerousServiceIds } from "@/lib/invocations/dangerous";
import { supportsBatch } from "@/lib/products";
import { PlatformError } from "@/lib/platforms/types";
import type { ServiceSpec } from "@/lib/thing-model/types";
import { BatchPanel } from "@/components/batch/batch-panel";
import { batchHref } from "@/components/devices/device-link";
import { EmptyState } from "@/components/empty-state";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { PageHeader } from "@/components/layout/page-header";
import { requestLocale } from "@/components/locale";
import { ServiceList } from "@/components/services/service-list";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

type Props = {
  params: Promise<{ connectionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("batchPage"))("title") };
}

const one = (v: string | string[] | undefined): string => (typeof v === "string" ? v.trim() : "");

export default async function BatchPage({ params, searchParams }: Props) {
  const { connectionId } = await params;
  const search = await searchParams;
  const productKey = one(search.product);
  const deviceNames = one(search.devices).split(",").map((d) => d.trim()).filter(Boolean);
  const serviceParam = one(search.service);
  const user = await requireUser(batchHref(connectionId, productKey, deviceNames, serviceParam || undefined));

  const connection = await getConnectionSummary(connectionId);
  if (!connection || !(await canBrowse(user, connection.id))) notFound();
  const t = await getTranslations("batchPage");
  const listHref = `/connections/${connection.id}${productKey ? `?${new URLSearchParams({ product: productKey })}` : ""}`;
  const trail = [
    { label: t("connections"), href: "/connections" },
    { label: connection.name, href: listHref },
    { label: t("batch") },
  ];
  const problem = (title: string, detail: string) => (
    <>
      <Breadcrumb items={trail} />
      <Alert variant="destructive">
        <TriangleAlert aria-hidden="true" />
        <AlertTitle>{title}</AlertTitle>
        <AlertDescription>
          <p>{detail}</p>
          <Link href={listHref} className="underline">
            {t("back")}
          </Link>
        </AlertDescription>
      </Alert>
    </>
  );

  if (!supportsBatch(connection.platform)) {
    return problem(t("noBatch"), t("noBatchHint"));
  }
  const listProblem = deviceListIssues(deviceNames)[0];
  if (!productKey || listProblem) {
    return problem(t("selectFirst"), productKey ? t("selectionProblem", { problem: listProblem?.message ?? "" }) : t("pickProduct"));
  }
  if (!(await canInvokeOn(user, connection.id, productKey))) {
    return problem(t("notAllowed"), t("notAllowedHint", { productKey }));
  }

  let services: ServiceSpec[];
  try {
    // the product's thing model, read through one of the selected devices
    services = (await getDeviceWithServices(user, connection.id, { productKey, deviceKey: deviceNames[0]! })).services;
  } catch (error) {
    const expected = [PlatformError, ConnectionNotFoundError, ForbiddenError, OutOfScopeError] as const;
    if (!(error instanceof Error) || !expected.some((type) => error instanceof type)) throw error;
    return problem(t("couldNotLoad", { productKey }), error.message);
  }
  const asyncServices = services.filter((s) => s.callType === "async");
  const selected = asyncServices.find((s) => s.identifier === serviceParam) ?? asyncServices[0];
  const locale = await requestLocale();
  const dangerous = selected ? (await dangerousServiceIds(connection.id, productKey)).has(selected.identifier) : false;

  return (
    <>
      <Breadcrumb items={trail} />
      <PageHeader
        title={t("title")}
        description={
          <>
            {t.rich("devicesOf", { count: deviceNames.length, product: () => <span className="font-mono text-xs">{productKey}</span> })} ·{" "}
            <Link href={listHref} className="underline">
              {t("change")}
            </Link>
          </>
        }
      />
      <ul aria-label={t("selected")} className="mb-4 flex flex-wrap gap-1.5">
        {deviceNames.map((name) => (
          <li key={name} className="rounded-md border bg-muted/40 px-1.5 py-0.5 font-mono text-xs">
            {name}
          </li>
        ))}
      </ul>
      {selected ? (
        <div className="grid gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
          <ServiceList
            services={asyncServices}
            selectedId={selected.identifier}
            hrefFor={(id) => batchHref(connection.id, productKey, deviceNames, id)}
            locale={locale}
          />
          <BatchPanel connectionId={connection.id} productKey={productKey} deviceNames={deviceNames} service={selected} locale={locale} dangerous={dangerous} />
        </div>
      ) : (
        <EmptyState icon={FileQuestion} title={t("noAsync", { productKey })}>
          {t("noAsyncHint")}
        </EmptyState>
      )}
    </>
  );
}
