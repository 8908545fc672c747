"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm, type Resolver } from "react-hook-form";
import { z } from "zod";
import { Loader2 } from "lucide-react";
import { authClient } from "@/lib/auth/client";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

// messages are catalogue keys under login., translated where they are shown
const loginSchema = z.object({
  email: z.email("invalidEmail"),
  password: z.string().min(1, "enterPassword"),
});
type LoginValues = z.infer<typeof loginSchema>;

const resolver: Resolver<LoginValues> = async (values) => {
  const parsed = loginSchema.safeParse(values);
  if (parsed.success) return { values: parsed.data, errors: {} };
  const errors: Record<string, { type: string; message: string }> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "root");
    errors[key] ??= { type: issue.code, message: issue.message };
  }
  return { values: {}, errors };
};

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const t = useTranslations("login");
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LoginValues>({ resolver, defaultValues: { email: "", password: "" } });

  const onSubmit = handleSubmit(async ({ email, password }) => {
    const { error } = await authClient.signIn.email({ email, password });
    if (error) {
      // the server's own messages for a locked or disabled account say what to do; keep them
      const accountProblem = error.code === "ACCOUNT_LOCKED" || error.code === "ACCOUNT_DISABLED";
      const message =
        error.status === 401
          ? t("wrongCredentials")
          : accountProblem && error.message
            ? error.message
            : error.status === 429
              ? t("tooManyAttempts")
              : (error.message ?? t("failed"));
      setError("root", { message });
      return;
    }
    router.replace(next);
    router.refresh();
  });

  return (
    <Card>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("signIn")}>
          {errors.root?.message && (
            <Alert variant="destructive" data-testid="login-error">
              <AlertDescription>{errors.root.message}</AlertDescription>
            </Alert>
          )}
          <div className="space-y-1.5">
            <Label htmlFor="email">{t("email")}</Label>
            <Input
              id="email"
              type="email"
              autoComplete="username"
              autoFocus
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={errors.email ? "email-error" : undefined}
              {...register("email")}
            />
            {errors.email && (
              <p id="email-error" className="text-xs text-destructive">
                {t("invalidEmail")}
              </p>
            )}
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="password">{t("password")}</Label>
            <Input
              id="password"
              type="password"
              autoComplete="current-password"
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? "password-error" : undefined}
              {...register("password")}
            />
            {errors.password && (
              <p id="password-error" className="text-xs text-destructive">
                {t("enterPassword")}
              </p>
            )}
          </div>
          <Button type="submit" className="w-full" disabled={isSubmitting}>
            {isSubmitting && <Loader2 className="animate-spin" aria-hidden="true" />}
            {isSubmitting ? t("signingIn") : t("signIn")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
