import { useTranslations } from "next-intl";
import type { DeviceSummary } from "@/lib/platforms/types";
import { CopyableId } from "@/components/copyable-id";
import { DeviceStatusBadge } from "@/components/device-status-badge";

export function DeviceHeader({ device }: { device: DeviceSummary }) {
  const t = useTranslations("device");
  return (
    <div className="mb-4 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-lg font-semibold tracking-tight">{device.name || device.deviceKey}</h1>
        <DeviceStatusBadge status={device.status} />
        {device.productName && <span className="text-sm text-muted-foreground">{device.productName}</span>}
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-1">
        <CopyableId label={t("productKey")} value={device.productKey} />
        <CopyableId label={t("deviceKey")} value={device.deviceKey} />
        {device.assetId && <CopyableId label={t("assetId")} value={device.assetId} />}
        {device.iotId && <CopyableId label={t("iotId")} value={device.iotId} />}
      </dl>
    </div>
  );
}
