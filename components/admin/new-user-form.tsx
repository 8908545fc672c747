"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { Loader2, UserPlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { createUserAction } from "@/app/_actions/create-user";
import { ROLES } from "@/lib/auth/config";
import { newUserSchema, PASSWORD_LIMITS, type NewUserInput } from "@/lib/admin/user-schema";
import { zodResolver } from "@/components/forms/zod-resolver";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { ActionMessage, NO_ANSWER } from "./action-message";
import { described, Field } from "./field";

const EMPTY: NewUserInput = { name: "", email: "", password: "", role: "engineer" };

export function NewUserForm() {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const t = useTranslations("newUser");
  const tRole = useTranslations("roles");
  const form = useForm<NewUserInput, unknown, ReturnType<typeof newUserSchema.parse>>({ resolver: zodResolver(newUserSchema), defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setDone(null);
    const result = await createUserAction(values).catch(() => null);
    if (!result) return form.setError("root", { message: NO_ANSWER });
    if (!result.ok) {
      for (const issue of result.issues ?? []) form.setError(issue.path as keyof NewUserInput, { message: issue.message });
      return form.setError("root", { message: result.message });
    }
    form.reset(EMPTY);
    setDone(t("created", { email: result.user.email }));
    router.refresh();
  });

  const e = (name: keyof NewUserInput) => errors[name]?.message;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate aria-label={t("title")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_10rem_auto] lg:items-start">
          <Field id="new-user-name" label={t("name")} error={e("name")}>
            <Input autoComplete="off" {...described("new-user-name", e("name"))} {...form.register("name")} />
          </Field>
          <Field id="new-user-email" label={t("email")} error={e("email")}>
            <Input type="email" autoComplete="off" {...described("new-user-email", e("email"))} {...form.register("email")} />
          </Field>
          <Field id="new-user-password" label={t("password")} error={e("password")} hint={t("passwordHint", { min: PASSWORD_LIMITS.min })}>
            <Input type="password" autoComplete="new-password" {...described("new-user-password", e("password"), true)} {...form.register("password")} />
          </Field>
          <Field id="new-user-role" label={t("role")} error={e("role")}>
            <NativeSelect {...described("new-user-role", e("role"))} {...form.register("role")}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tRole(r)}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Button type="submit" className="lg:mt-6" disabled={isSubmitting}>
            {isSubmitting ? <Loader2 className="animate-spin" aria-hidden="true" /> : <UserPlus aria-hidden="true" />}
            {t("add")}
          </Button>
        </form>
        <div className="mt-3">
          <ActionMessage error={errors.root?.message} done={done} />
        </div>
      </CardContent>
    </Card>
  );
}
