import { TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import type { DeviceRef, PlatformId } from "@/lib/platforms/types";
import { inputSchema, uiSchema } from "@/lib/thing-model/json-schema";
import { text, type Locale, type ServiceSpec } from "@/lib/thing-model/types";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ServiceInvoker } from "./service-invoker";
import { DangerToggle } from "./danger-toggle";

interface Props {
  connectionId: string;
  platform: PlatformId;
  device: DeviceRef;
  service: ServiceSpec;
  locale: Locale;
  /** "Invoke again" from the history: passed to the form */
  prefill?: { invocationId: string; input: unknown };
  /** marked dangerous on this product (invoking needs a reason); canConfigure: the user may change that */
  danger?: { dangerous: boolean; canConfigure: boolean };
}

export function ServicePanel({ connectionId, platform, device, service, locale, prefill, danger }: Props) {
  const { title: _title, ...schema } = inputSchema(service, locale);
  const description = text(service.description, locale);
  const t = useTranslations("services");
  const ref: DeviceRef = {
    productKey: device.productKey,
    deviceKey: device.deviceKey,
    assetId: device.assetId ?? null,
    iotId: device.iotId ?? null,
  };

  return (
    <Card aria-labelledby="service-title" className="min-w-0">
      <CardHeader>
        <CardTitle id="service-title" className="flex flex-wrap items-center gap-2">
          {text(service.name, locale) || service.identifier}
          <code className="text-xs font-normal text-muted-foreground">{service.identifier}</code>
          <Badge variant="outline" className="font-normal">
            {service.callType}
          </Badge>
          {danger?.dangerous && (
            <Badge variant="destructive" data-testid="service-dangerous">
              {t("dangerous")}
            </Badge>
          )}
          {danger?.canConfigure && (
            <DangerToggle connectionId={connectionId} productKey={device.productKey} serviceId={service.identifier} dangerous={danger.dangerous} />
          )}
        </CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent className="space-y-4">
        {service.warnings.length > 0 && (
          <Alert variant="warning" role="note">
            <TriangleAlert aria-hidden="true" />
            <AlertTitle>{t("modelWarnings")}</AlertTitle>
            <AlertDescription>
              <ul className="list-disc pl-4">
                {service.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </AlertDescription>
          </Alert>
        )}
        <ServiceInvoker
          key={`${ref.productKey}/${ref.deviceKey}/${service.identifier}/${prefill?.invocationId ?? ""}`}
          prefill={prefill}
          dangerous={danger?.dangerous}
          connectionId={connectionId}
          platform={platform}
          device={ref}
          serviceId={service.identifier}
          schema={schema as RJSFSchema}
          uiSchema={uiSchema(service, locale) as UiSchema}
          outputs={service.outputs}
          inputs={service.inputs}
          locale={locale}
        />
      </CardContent>
    </Card>
  );
}
