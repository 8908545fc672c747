"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { Filter, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { historyFilterToSearchParams, parseHistoryFilter, type HistoryFilter } from "@/lib/invocations/history-filter";
import { INVOCATION_STATUSES, type InvocationStatus } from "@/lib/invocations/status";
import { PLATFORM_IDS } from "@/lib/platforms/types";
import { platformLabel } from "@/components/platform-label";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

interface FormValues {
  from: string;
  to: string;
  connection: string;
  platform: string;
  product: string;
  device: string;
  service: string;
  user: string;
  status: string;
  q: string;
}

/** ISO → the value of a datetime-local input, in the browser's zone (so only after hydration). */
function localInput(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function toValues(f: HistoryFilter, withTimes: boolean): FormValues {
  return {
    from: withTimes ? localInput(f.from) : "",
    to: withTimes ? localInput(f.to) : "",
    connection: f.connection ?? "",
    platform: f.platform ?? "",
    product: f.product ?? "",
    device: f.device ?? "",
    service: f.service ?? "",
    user: f.user ?? "",
    status: f.status?.join(",") ?? "",
    q: f.q ?? "",
  };
}

function toQuery(v: FormValues): URLSearchParams {
  const iso = (local: string) => (local ? new Date(local).toISOString() : "");
  return new URLSearchParams(Object.entries({ ...v, from: iso(v.from), to: iso(v.to) }).filter(([, x]) => x.trim() !== ""));
}

export function HistoryFilters({ filter, connections }: { filter: HistoryFilter; connections: { id: string; name: string }[] }) {
  const router = useRouter();
  const t = useTranslations("historyFilters");
  const ts = useTranslations("status");
  const form = useForm<FormValues>({ defaultValues: toValues(filter, false) });
  const { register, handleSubmit, reset, setError, formState } = form;
  // Local times differ between the server's zone and the browser's: fill them in once hydrated.
  useEffect(() => reset(toValues(filter, true)), [filter, reset]);

  const submit = handleSubmit((values) => {
    const parsed = parseHistoryFilter(toQuery(values));
    if (!parsed.ok) {
      for (const issue of parsed.issues) setError(issue.path as keyof FormValues, { message: issue.message });
      return;
    }
    const qs = historyFilterToSearchParams(parsed.filter).toString();
    router.push(qs ? `/history?${qs}` : "/history");
  });
  const statusValue = filter.status?.join(",");
  const customStatus = filter.status && filter.status.length > 1 ? statusValue : undefined;

  return (
    <form onSubmit={submit} aria-label={t("label")} className="mb-4 rounded-lg border bg-card p-3 shadow-xs">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Field id="f-from" label={t("from")} error={formState.errors.from?.message}>
          <Input id="f-from" type="datetime-local" {...register("from")} />
        </Field>
        <Field id="f-to" label={t("to")} error={formState.errors.to?.message}>
          <Input id="f-to" type="datetime-local" {...register("to")} />
        </Field>
        <Field id="f-connection" label={t("connection")} error={formState.errors.connection?.message}>
          <NativeSelect id="f-connection" {...register("connection")}>
            <option value="">{t("anyConnection")}</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="f-platform" label={t("platform")} error={formState.errors.platform?.message}>
          <NativeSelect id="f-platform" {...register("platform")}>
            <option value="">{t("anyPlatform")}</option>
            {PLATFORM_IDS.map((p) => (
              <option key={p} value={p}>
                {platformLabel(p)}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="f-status" label={t("status")} error={formState.errors.status?.message}>
          <NativeSelect id="f-status" {...register("status")}>
            <option value="">{t("anyStatus")}</option>
            {customStatus && <option value={customStatus}>{customStatus.split(",").map((s) => (isStatus(s) ? ts(s) : s)).join(t("or"))}</option>}
            {INVOCATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="f-product" label={t("productKey")} error={formState.errors.product?.message}>
          <Input id="f-product" placeholder={t("exact")} {...register("product")} />
        </Field>
        <Field id="f-device" label={t("deviceKey")} error={formState.errors.device?.message}>
          <Input id="f-device" placeholder={t("exact")} {...register("device")} />
        </Field>
        <Field id="f-service" label={t("service")} error={formState.errors.service?.message}>
          <Input id="f-service" placeholder={t("identifierExact")} {...register("service")} />
        </Field>
        <Field id="f-user" label={t("user")} error={formState.errors.user?.message}>
          <Input id="f-user" type="email" placeholder={t("email")} {...register("user")} />
        </Field>
        <Field id="f-q" label={t("id")} error={formState.errors.q?.message}>
          <Input id="f-q" placeholder={t("idPlaceholder")} {...register("q")} />
        </Field>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm">
          <Filter aria-hidden="true" /> {t("apply")}
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={() => router.push("/history")}>
          <X aria-hidden="true" /> {t("clear")}
        </Button>
        <span className="text-xs text-muted-foreground">{t("hint")}</span>
      </div>
    </form>
  );
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error && (
        <p className="text-xs text-destructive" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function isStatus(s: string): s is InvocationStatus {
  return (INVOCATION_STATUSES as readonly string[]).includes(s);
}
