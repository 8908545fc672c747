"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { KeyRound, Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { setUserPasswordAction } from "@/app/_actions/set-user-password";
import { updateUserAction } from "@/app/_actions/update-user";
import { ROLES, type Role } from "@/lib/auth/config";
import type { UserView } from "@/lib/admin/users";
import type { UserChange } from "@/lib/admin/user-schema";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { ActionMessage, NO_ANSWER } from "./action-message";
import { GrantsEditor, type ConnectionOption } from "./grants-editor";

interface Props {
  user: UserView;
  connections: ConnectionOption[];
  self: boolean;
}

export function UserCard({ user, connections, self }: Props) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const t = useTranslations("userCard");
  const tRole = useTranslations("roles");

  async function change(c: UserChange, message: string) {
    setPending(true);
    setError(null);
    setDone(null);
    const result = await updateUserAction({ id: user.id, change: c }).catch(() => null);
    setPending(false);
    if (!result?.ok) return setError(result?.message ?? NO_ANSWER);
    setDone(message);
    router.refresh();
  }

  const needsGrants = user.role === "engineer" || user.role === "product";
  return (
    <Card className="py-4" data-testid="user-card" data-email={user.email}>
      <CardContent className="space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <div className="min-w-48">
            <p className="font-medium">{user.name}</p>
            <p className="text-sm text-muted-foreground">{user.email}</p>
          </div>
          {user.disabled ? <Badge variant="muted">{t("disabled")}</Badge> : <Badge variant="success">{t("enabled")}</Badge>}
          <span className="text-xs text-muted-foreground">
            {t("sessions", { count: user.activeSessions })}
          </span>
          <div className="ml-auto flex flex-wrap items-center gap-2">
            <NativeSelect
              className="w-32"
              aria-label={t("roleOf", { email: user.email })}
              value={user.role}
              disabled={pending}
              onChange={(e) => void change({ role: e.target.value as Role }, t("roleChanged", { role: tRole(e.target.value as Role) }))}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tRole(r)}
                </option>
              ))}
            </NativeSelect>
            <Button
              variant="outline"
              size="sm"
              disabled={pending || self}
              title={self ? t("cannotDisableSelf") : undefined}
              onClick={() => void change({ disabled: !user.disabled }, user.disabled ? t("enabledDone") : t("disabledDone"))}
            >
              {pending && <Loader2 className="animate-spin" aria-hidden="true" />}
              {user.disabled ? t("enable") : t("disable")}
            </Button>
            {needsGrants && (
              <Button variant="outline" size="sm" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
                {t("editAccess")}
              </Button>
            )}
          </div>
        </div>
        <p className="text-sm">
          <span className="text-muted-foreground">{t("access")} </span>
          <AccessSummary user={user} />
        </p>
        {editing && needsGrants && (
          <GrantsEditor
            user={user}
            connections={connections}
            onSaved={() => {
              setEditing(false);
              setDone(t("accessSaved"));
              router.refresh();
            }}
          />
        )}
        <PasswordReset userId={user.id} email={user.email} />
        <ActionMessage error={error} done={done} />
      </CardContent>
    </Card>
  );
}

function AccessSummary({ user }: { user: UserView }) {
  const t = useTranslations("userCard");
  if (user.role === "admin") return <>{t("everything")}</>;
  if (user.role === "manager") return <>{t("allHistory")}</>;
  if (user.grants.length === 0) return <span className="text-destructive">{t("nothingGranted")}</span>;
  return <>{user.grants.map((g) => (g.productKey ? `${g.connectionName} / ${g.productKey}` : g.connectionName)).join(", ")}</>;
}

function PasswordReset({ userId, email }: { userId: string; email: string }) {
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ error?: string; done?: string }>({});
  const t = useTranslations("userCard");

  async function save() {
    setPending(true);
    const result = await setUserPasswordAction({ id: userId, password }).catch(() => null);
    setPending(false);
    if (!result?.ok) return setMessage({ error: result ? [result.message, ...(result.issues ?? []).map((i) => i.message)].join(" ") : NO_ANSWER });
    setPassword("");
    setMessage({ done: t("passwordSet") });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Input
        type="password"
        autoComplete="new-password"
        className="w-56"
        placeholder={t("newPassword")}
        aria-label={t("newPasswordFor", { email })}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <Button variant="outline" size="sm" disabled={pending || !password} onClick={() => void save()}>
        {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <KeyRound aria-hidden="true" />}
        {t("setPassword")}
      </Button>
      <ActionMessage error={message.error} done={message.done} />
    </div>
  );
}
