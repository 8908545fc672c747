"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { setConnectionEnabledAction } from "@/app/_actions/set-connection-enabled";
import { Button } from "@/components/ui/button";
import { NO_ANSWER } from "./action-message";

/** Disabling keeps the connection and its history; nobody can browse or invoke through it until enabled again. */
export function ConnectionEnabledToggle({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations("userCard");

  async function toggle() {
    setPending(true);
    setError(null);
    const result = await setConnectionEnabledAction({ id, enabled: !enabled }).catch(() => null);
    setPending(false);
    if (!result?.ok) return setError(result?.message ?? NO_ANSWER);
    router.refresh();
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="outline" size="sm" onClick={() => void toggle()} disabled={pending} aria-label={`${enabled ? t("disable") : t("enable")} ${name}`}>
        {pending && <Loader2 className="animate-spin" aria-hidden="true" />}
        {enabled ? t("disable") : t("enable")}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-destructive">
          {error}
        </span>
      )}
    </span>
  );
}
