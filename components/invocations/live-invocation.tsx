"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Ban, Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { cancelInvocationAction } from "@/app/_actions/cancel-invocation";
import { getInvocationAction } from "@/app/_actions/get-invocation";
import { isFinal } from "@/lib/invocations/status";
import type { InvocationView } from "@/lib/invocations/types";
import type { Locale, ParamSpec } from "@/lib/thing-model/types";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InvocationResult } from "./invocation-result";

const WATCH_INTERVAL_MS = 1_500;

/** An invocation that keeps itself up to date until it ends (cached commands, async calls). */
export function LiveInvocation({ invocation, outputs, locale }: { invocation: InvocationView; outputs: ParamSpec[]; locale: Locale }) {
  const queryClient = useQueryClient();
  const t = useTranslations("invocation");
  const key = ["invocation", invocation.id];
  const live = useQuery({
    queryKey: key,
    initialData: invocation,
    queryFn: async () => {
      const result = await getInvocationAction({ id: invocation.id, watching: true });
      if (!result.ok) throw new Error(result.message);
      return result.invocation;
    },
    refetchInterval: (q) => (q.state.data && stillMoving(q.state.data) ? WATCH_INTERVAL_MS : false),
    refetchIntervalInBackground: true,
  });
  const cancel = useMutation({
    mutationFn: async () => {
      const result = await cancelInvocationAction({ id: invocation.id });
      if (!result.ok) throw new Error(result.message);
      return result.invocation;
    },
    onSuccess: (view) => queryClient.setQueryData(key, view),
  });
  const current = live.data;
  const cancellable = current.status === "QUEUED" && Boolean(current.commandId);

  return (
    <div className="space-y-2">
      <InvocationResult invocation={current} outputs={outputs} locale={locale} />
      {stillMoving(current) && (
        <p className="flex items-center gap-2 text-xs text-muted-foreground" role="status">
          <Loader2 className="size-3.5 animate-spin" aria-hidden="true" />
          {t("watching")}
        </p>
      )}
      {cancellable && (
        <Button variant="outline" size="sm" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
          {cancel.isPending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Ban aria-hidden="true" />}
          {t("cancelCommand")}
        </Button>
      )}
      {(cancel.isError || live.isError) && (
        <Alert variant="destructive">
          <AlertDescription>{(cancel.error ?? live.error)?.message}</AlertDescription>
        </Alert>
      )}
    </div>
  );
}

/** An interrupted call without a platform handle cannot move any more: nobody can ask about it. */
function stillMoving(v: InvocationView): boolean {
  if (isFinal(v.status)) return false;
  return v.status !== "INTERRUPTED" || Boolean(v.commandId || v.messageId);
}
