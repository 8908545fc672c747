"use client";

import { useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import { invokeAction } from "@/app/_actions/invoke-service";
import type { FieldIssue, InvocationView } from "@/lib/invocations/types";
import type { DeviceRef, PlatformId } from "@/lib/platforms/types";
import type { Locale, ParamSpec } from "@/lib/thing-model/types";
import { toErrorSchema, timeoutIssue } from "@/components/invocations/field-issues";
import { LiveInvocation } from "@/components/invocations/live-invocation";
import { PresetBar } from "@/components/presets/preset-bar";
import { InvokeControls } from "./invoke-controls";
import { InputEditor } from "./input-editor";
import { IssueSummary } from "./issue-summary";
import { newRequestId } from "./request-id";
import { SubmitKeys } from "./submit-key";
import { checkTimeoutValue, timeoutField, timeoutToMs } from "./timeout-limits";
import { DEFAULT_DELIVERY, DeliveryControls, pendingTtlOf, type Delivery } from "./delivery-controls";
import { ReasonDialog } from "./reason-dialog";

interface Props {
  connectionId: string;
  platform: PlatformId;
  device: DeviceRef;
  serviceId: string;
  schema: RJSFSchema;
  uiSchema: UiSchema;
  outputs: ParamSpec[];
  locale: Locale;
  /** the service's input params, for validation messages that name fields and allowed values */
  inputs?: ParamSpec[];
  /** "Invoke again" from the history: the form starts with that invocation's input */
  prefill?: { invocationId: string; input: unknown };
  /** marked dangerous by an admin: the invocation needs a reason, asked for in a dialog */
  dangerous?: boolean;
}

interface Failure {
  message: string;
  issues: FieldIssue[];
  /** the form data the issues were reported for; field marks disappear once the user edits */
  for: string;
  signIn?: boolean;
}

export function ServiceInvoker({ connectionId, platform, device, serviceId, schema, uiSchema, outputs, locale, inputs, prefill, dangerous }: Props) {
  const field = timeoutField(platform);
  const [formData, setFormData] = useState<unknown>(prefill?.input);
  const t = useTranslations("invoke");
  const [timeoutS, setTimeoutS] = useState(String(field.defaultValue));
  const [delivery, setDelivery] = useState<Delivery>(DEFAULT_DELIVERY);
  const [deliveryError, setDeliveryError] = useState<string | null>(null);
  const [timeoutError, setTimeoutError] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [invocation, setInvocation] = useState<InvocationView | null>(null);
  const inFlight = useRef(false);
  const submitKeys = useRef<SubmitKeys | null>(null);
  // the form data waiting for the reason dialog (null: no dialog)
  const [awaitingReason, setAwaitingReason] = useState<{ data: unknown } | null>(null);
  const queryClient = useQueryClient();
  const mutation = useMutation({ mutationFn: invokeAction });

  const current = JSON.stringify(formData ?? null);
  const extraErrors = useMemo(
    () => (failure && failure.for === current ? toErrorSchema(failure.issues) : undefined),
    [failure, current],
  );

  async function submit(data: unknown, reason?: string) {
    if (inFlight.current) return;
    const problem = checkTimeoutValue(timeoutS, field);
    setTimeoutError(problem);
    const ttl = pendingTtlOf(delivery);
    setDeliveryError("error" in ttl ? ttl.error : null);
    if (problem || "error" in ttl) return;
    if (dangerous && reason === undefined) return setAwaitingReason({ data });

    inFlight.current = true;
    setFailure(null);
    setInvocation(null);
    const input = data ?? {};
    const request = { connectionId, device, serviceId, input, timeoutMs: timeoutToMs(timeoutS, field), pendingTtlS: ttl.seconds || undefined, reason };
    // the same request submitted again right away (double click, Enter twice) keeps its key: one invocation
    const keys = (submitKeys.current ??= new SubmitKeys(newRequestId));
    const idempotencyKey = keys.keyFor(JSON.stringify(request));
    try {
      const result = await mutation.mutateAsync({ ...request, idempotencyKey });
      keys.answered(idempotencyKey);
      if (result.ok) {
        setInvocation(result.invocation);
        void queryClient.invalidateQueries({ queryKey: ["invocations"] });
      } else {
        const issues = result.issues ?? [];
        // marked dangerous after this page was loaded: ask for the reason now
        if (reason === undefined && issues.some((i) => i.path === "reason")) return setAwaitingReason({ data });
        setFailure({ message: result.message, issues, for: JSON.stringify(input), signIn: result.code === "unauthenticated" });
        setTimeoutError(timeoutIssue(issues));
      }
    } catch {
      setFailure({
        message: "The console server did not answer. Check that it is running, then reload the page and try again.",
        issues: [],
        for: "",
      });
    } finally {
      inFlight.current = false;
    }
  }

  return (
    <div className="space-y-4">
      <PresetBar
        scope={{ connectionId, productKey: device.productKey, serviceId }}
        formData={formData}
        onFill={setFormData}
        filledFrom={prefill?.invocationId}
      />
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
        {Object.keys(schema.properties ?? {}).length === 0 && (
          <p className="text-sm text-muted-foreground">{t("noInput")}</p>
        )}
        {platform === "enos" && (
          <DeliveryControls
            value={delivery}
            onChange={(d) => {
              setDelivery(d);
              setDeliveryError(null);
            }}
            error={deliveryError}
          />
        )}
        <InvokeControls
          field={field}
          value={timeoutS}
          onChange={(v) => {
            setTimeoutS(v);
            setTimeoutError(null);
          }}
          error={timeoutError}
          pending={mutation.isPending}
        />
      </InputEditor>
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
      {failure && <IssueSummary message={failure.message} issues={failure.issues} signIn={failure.signIn} />}
      {invocation && <LiveInvocation key={invocation.id} invocation={invocation} outputs={outputs} locale={locale} />}
    </div>
  );
}
