"use client";

import { useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import { Layers, Loader2 } from "lucide-react";
import { invokeBatchAction } from "@/app/_actions/invoke-batch";
import type { BatchView } from "@/lib/invocations/batch-view";
import type { FieldIssue } from "@/lib/invocations/types";
import type { Locale, ParamSpec } from "@/lib/thing-model/types";
import { toErrorSchema } from "@/components/invocations/field-issues";
import { InputEditor } from "@/components/services/input-editor";
import { IssueSummary } from "@/components/services/issue-summary";
import { ReasonDialog } from "@/components/services/reason-dialog";
import { newRequestId } from "@/components/services/request-id";
import { Button } from "@/components/ui/button";
import { BatchResult } from "./batch-result";

interface Props {
  connectionId: string;
  productKey: string;
  deviceNames: string[];
  serviceId: string;
  schema: RJSFSchema;
  uiSchema: UiSchema;
  inputs: ParamSpec[];
  outputs: ParamSpec[];
  locale: Locale;
  /** marked dangerous by an admin: the batch needs a reason, asked for in a dialog */
  dangerous?: boolean;
}

interface Failure {
  message: string;
  issues: FieldIssue[];
  /** the form data the issues were reported for; field marks disappear once the user edits */
  for: string;
  signIn?: boolean;
}

/** The service's generated form for a batch: one submit sends it to every selected device. */
export function BatchInvoker({ connectionId, productKey, deviceNames, serviceId, schema, uiSchema, inputs, outputs, locale, dangerous }: Props) {
  const [formData, setFormData] = useState<unknown>(undefined);
  const t = useTranslations("batchInvoke");
  const [failure, setFailure] = useState<Failure | null>(null);
  const [batch, setBatch] = useState<BatchView | null>(null);
  const [awaitingReason, setAwaitingReason] = useState<{ data: unknown } | null>(null);
  const inFlight = useRef(false);
  const queryClient = useQueryClient();
  const mutation = useMutation({ mutationFn: invokeBatchAction });

  const current = JSON.stringify(formData ?? null);
  const extraErrors = useMemo(() => (failure && failure.for === current ? toErrorSchema(failure.issues) : undefined), [failure, current]);
  const count = deviceNames.length;

  async function submit(data: unknown, reason?: string) {
    if (inFlight.current) return;
    if (dangerous && reason === undefined) {
      setAwaitingReason({ data });
      return;
    }
    inFlight.current = true;
    setFailure(null);
    setBatch(null);
    const input = data ?? {};
    try {
      const result = await mutation.mutateAsync({ connectionId, productKey, deviceNames, serviceId, input, idempotencyKey: newRequestId(), reason });
      if (result.ok) {
        setBatch(result.batch);
        void queryClient.invalidateQueries({ queryKey: ["invocations"] });
      } else {
        setFailure({ message: result.message, issues: result.issues ?? [], for: JSON.stringify(input), signIn: result.code === "unauthenticated" });
      }
    } catch {
      setFailure({ message: "The console server did not answer. Check that it is running, then reload the page and try again.", issues: [], for: "" });
    } finally {
      inFlight.current = false;
    }
  }

  return (
    <div className="space-y-4">
      <InputEditor
        schema={schema}
        uiSchema={uiSchema}
        inputs={inputs}
        formData={formData}
        onChange={setFormData}
        onSubmit={(data) => void submit(data)}
        extraErrors={extraErrors}
        disabled={mutation.isPending}
        className="max-w-3xl"
      >
        {Object.keys(schema.properties ?? {}).length === 0 && <p className="text-sm text-muted-foreground">{t("noInput")}</p>}
        <div className="flex flex-wrap items-center gap-3 border-t pt-4">
          <Button type="submit" disabled={mutation.isPending} aria-busy={mutation.isPending} className="min-w-28">
            {mutation.isPending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Layers aria-hidden="true" />}
            {t("invokeOn", { count })}
          </Button>
          <p className="text-xs text-muted-foreground">
            {mutation.isPending
              ? t("sending")
              : t("hint")}
          </p>
        </div>
      </InputEditor>
      {failure && <IssueSummary message={failure.message} issues={failure.issues} signIn={failure.signIn} />}
      {batch && <BatchResult key={batch.batchId} batch={batch} outputs={outputs} locale={locale} />}
      <ReasonDialog
        open={awaitingReason !== null}
        serviceName={serviceId}
        onCancel={() => setAwaitingReason(null)}
        onConfirm={(reason) => {
          const pending = awaitingReason;
          setAwaitingReason(null);
          if (pending) void submit(pending.data, reason);
        }}
      />
    </div>
  );
}
