import { useTranslations } from "next-intl";
import type { InvocationStatus } from "@/lib/invocations/status";
import { Badge, type BadgeVariant } from "@/components/ui/badge";

const VARIANT: Record<InvocationStatus, BadgeVariant> = {
  PENDING: "muted",
  QUEUED: "info",
  SENT: "info",
  SUCCEEDED: "success",
  FAILED: "destructive",
  TIMED_OUT: "warning",
  EXPIRED: "warning",
  CANCELED: "muted",
  INTERRUPTED: "warning",
};

export function InvocationStatusBadge({ status, testId }: { status: InvocationStatus; testId?: string }) {
  const t = useTranslations("status");
  return (
    <Badge variant={VARIANT[status]} data-testid={testId} data-status={status}>
      {t(status)}
    </Badge>
  );
}
