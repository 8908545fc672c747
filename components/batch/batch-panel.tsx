import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import { useTranslations } from "next-intl";
import { inputSchema, uiSchema } from "@/lib/thing-model/json-schema";
import { text, type Locale, type ServiceSpec } from "@/lib/thing-model/types";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { BatchInvoker } from "./batch-invoker";

interface Props {
  connectionId: string;
  productKey: string;
  deviceNames: string[];
  service: ServiceSpec;
  locale: Locale;
  dangerous: boolean;
}

export function BatchPanel({ connectionId, productKey, deviceNames, service, locale, dangerous }: Props) {
  const { title: _title, ...schema } = inputSchema(service, locale);
  const description = text(service.description, locale);
  const t = useTranslations("services");
  return (
    <Card aria-labelledby="service-title" className="min-w-0">
      <CardHeader>
        <CardTitle id="service-title" className="flex flex-wrap items-center gap-2">
          {text(service.name, locale) || service.identifier}
          <code className="text-xs font-normal text-muted-foreground">{service.identifier}</code>
          <Badge variant="outline" className="font-normal">
            {service.callType}
          </Badge>
          {dangerous && (
            <Badge variant="destructive" data-testid="service-dangerous">
              {t("dangerous")}
            </Badge>
          )}
        </CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent>
        <BatchInvoker
          key={`${productKey}/${service.identifier}/${deviceNames.join(",")}`}
          connectionId={connectionId}
          productKey={productKey}
          deviceNames={deviceNames}
          serviceId={service.identifier}
          schema={schema as RJSFSchema}
          uiSchema={uiSchema(service, locale) as UiSchema}
          inputs={service.inputs}
          outputs={service.outputs}
          locale={locale}
          dangerous={dangerous}
        />
      </CardContent>
    </Card>
  );
}
