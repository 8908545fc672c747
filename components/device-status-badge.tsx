import { useTranslations } from "next-intl";
import type { DeviceStatus } from "@/lib/platforms/types";
import { Badge, type BadgeVariant } from "@/components/ui/badge";

const VARIANT: Record<DeviceStatus, BadgeVariant> = {
  online: "success",
  offline: "muted",
  inactive: "outline",
  disabled: "destructive",
  unknown: "outline",
};

export function DeviceStatusBadge({ status }: { status: DeviceStatus }) {
  const t = useTranslations("deviceStatus");
  return (
    <Badge variant={VARIANT[status]} data-status={status}>
      <span
        aria-hidden="true"
        className={status === "online" ? "size-1.5 rounded-full bg-emerald-500" : "size-1.5 rounded-full bg-current opacity-50"}
      />
      {t(status)}
    </Badge>
  );
}
