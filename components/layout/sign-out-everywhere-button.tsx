"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Loader2, MonitorX } from "lucide-react";
import { useQueryClient } from "@tanstack/react-query";
import { revokeMySessionsAction } from "@/app/_actions/revoke-my-sessions";
import { Button } from "@/components/ui/button";

/** Ends every session of this user (other browsers, a lost laptop), this one included. */
export function SignOutEverywhereButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const t = useTranslations("header");
  const [error, setError] = useState<string | null>(null);

  async function signOutEverywhere() {
    setPending(true);
    const result = await revokeMySessionsAction().catch(() => null);
    if (!result?.ok) {
      setPending(false);
      setError(result?.message ?? t("serverDidNotAnswer"));
      return;
    }
    queryClient.clear();
    router.replace("/login");
    router.refresh();
  }

  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => void signOutEverywhere()} disabled={pending} title={t("signOutEverywhereHint")}>
        {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <MonitorX aria-hidden="true" />}
        {/* icon only on narrower screens; the name stays for screen readers and the title explains */}
        <span className="sr-only 2xl:not-sr-only">{t("signOutEverywhere")}</span>
      </Button>
      {error && (
        <span role="alert" className="text-xs text-destructive">
          {error}
        </span>
      )}
    </>
  );
}
