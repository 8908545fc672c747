"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { Loader2, PlugZap, Save } from "lucide-react";
import { useTranslations } from "next-intl";
import { saveConnectionAction } from "@/app/_actions/save-connection";
import { testConnectionAction } from "@/app/_actions/test-connection";
import { connectionFormSchema, type ConnectionForm as FormOutput, type ConnectionFormInput, type ConnectionFormValues } from "@/lib/admin/connection-schema";
import type { FieldIssue } from "@/lib/invocations/types";
import { PLATFORM_IDS } from "@/lib/platforms/types";
import { platformLabel } from "@/components/platform-label";
import { zodResolver } from "@/components/forms/zod-resolver";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { ActionMessage, NO_ANSWER } from "./action-message";
import { described, Field } from "./field";

type Name = keyof ConnectionFormInput;

function initialValues(existing: ConnectionFormValues | null): ConnectionFormInput {
  // the secret always starts empty: it is never sent to the browser
  if (!existing) return { name: "", platform: "enos", endpoint: "https://", orgId: "", regionId: "", instanceId: "", accessKey: "", secret: "", enabled: true };
  const { name, platform, endpoint, orgId, regionId, instanceId, accessKey, enabled } = existing;
  return { name, platform, endpoint, orgId: orgId ?? "", regionId: regionId ?? "", instanceId: instanceId ?? "", accessKey, secret: "", enabled };
}

/** Add or edit a connection. The secret is write-only: "•••• set" until a new one is typed. */
export function ConnectionForm({ existing }: { existing: ConnectionFormValues | null }) {
  const router = useRouter();
  const form = useForm<ConnectionFormInput, unknown, FormOutput>({ resolver: zodResolver(connectionFormSchema), defaultValues: initialValues(existing) });
  const { errors, isSubmitting } = form.formState;
  const [test, setTest] = useState<{ pending?: boolean; error?: string; done?: string }>({});
  const t = useTranslations("connectionForm");
  const platform = form.watch("platform");
  const id = existing?.id ?? null;

  const markIssues = (issues: FieldIssue[] | undefined) => issues?.forEach((i) => form.setError(i.path as Name, { message: i.message }));

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await saveConnectionAction({ id, form: values }).catch(() => null);
    if (!result) return form.setError("root", { message: NO_ANSWER });
    if (!result.ok) {
      markIssues(result.issues);
      return form.setError("root", { message: result.message });
    }
    router.push("/admin/connections");
    router.refresh();
  });

  const onTest = form.handleSubmit(async (values) => {
    setTest({ pending: true });
    const result = await testConnectionAction({ id, form: values }).catch(() => null);
    if (!result) return setTest({ error: NO_ANSWER });
    if (!result.ok) {
      markIssues(result.issues);
      return setTest({ error: result.message });
    }
    setTest(result.test.ok ? { done: `Connected: the platform accepted the credentials (${result.test.ms} ms).` } : { error: result.test.message });
  });

  const e = (name: Name) => errors[name]?.message;
  const text = (name: Name, label: string, hint?: string, type = "text") => (
    <Field id={`conn-${name}`} label={label} error={e(name)} hint={hint}>
      <Input type={type} autoComplete="off" {...described(`conn-${name}`, e(name), hint)} {...form.register(name)} />
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-label={existing ? t("edit") : t("add")} className="max-w-2xl space-y-4">
      {text("name", t("name"))}
      <Field id="conn-platform" label={t("platform")} error={e("platform")}>
        <NativeSelect {...described("conn-platform", e("platform"))} {...form.register("platform")}>
          {PLATFORM_IDS.map((p) => (
            <option key={p} value={p}>
              {platformLabel(p)}
            </option>
          ))}
        </NativeSelect>
      </Field>
      {text("endpoint", t("endpoint"), t("endpointHint"))}
      {platform === "aliyun" ? text("regionId", t("region"), t("regionHint")) : text("orgId", t("orgId"))}
      {platform === "aliyun" && text("instanceId", t("instanceId"), t("instanceIdHint"))}
      {text("accessKey", t("accessKey"))}
      <SecretField secretSet={existing?.secretSet ?? false} error={e("secret")} register={form.register("secret")} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...form.register("enabled")} />
        {t("enabled")}
      </label>
      <ActionMessage error={errors.root?.message ?? test.error} done={test.done} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Save aria-hidden="true" />}
          {existing ? t("save") : t("add")}
        </Button>
        <Button type="button" variant="outline" disabled={test.pending} onClick={() => void onTest()}>
          {test.pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <PlugZap aria-hidden="true" />}
          {t("test")}
        </Button>
      </div>
    </form>
  );
}

function SecretField({ secretSet, error, register }: { secretSet: boolean; error?: string; register: ReturnType<ReturnType<typeof useForm<ConnectionFormInput>>["register"]> }) {
  const t = useTranslations("connectionForm");
  const hint = secretSet ? t("secretSetHint") : t("secretHint");
  return (
    <Field id="conn-secret" label={t("secret")} error={error} hint={hint}>
      <Input type="password" autoComplete="new-password" placeholder={secretSet ? t("secretSet") : ""} {...described("conn-secret", error, hint)} {...register} />
    </Field>
  );
}
