import { useTranslations } from "next-intl";
import type { InvocationView } from "@/lib/invocations/types";
import { CopyableId } from "@/components/copyable-id";

export function InvocationIds({ invocation }: { invocation: InvocationView }) {
  const t = useTranslations("invocation");
  return (
    <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
      <CopyableId label={t("invocationId")} value={invocation.id} testId="invocation-id" />
      <CopyableId label={t("requestId")} value={invocation.platformRequestId} testId="invocation-request-id" />
      {(invocation.commandId || invocation.platform.startsWith("enos")) && (
        <CopyableId label={t("commandId")} value={invocation.commandId} testId="invocation-command-id" />
      )}
      {(invocation.messageId || invocation.platform === "aliyun") && (
        <CopyableId label={t("messageId")} value={invocation.messageId} testId="invocation-message-id" />
      )}
    </dl>
  );
}
