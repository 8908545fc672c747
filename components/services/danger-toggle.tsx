"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Loader2, ShieldAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { setServiceDangerAction } from "@/app/_actions/set-service-danger";
import { Button } from "@/components/ui/button";

interface Props {
  connectionId: string;
  productKey: string;
  serviceId: string;
  dangerous: boolean;
}

/** Admins only: mark a product's service dangerous (invoking it then needs a reason) or clear the mark. */
export function DangerToggle({ connectionId, productKey, serviceId, dangerous }: Props) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations("services");

  async function toggle() {
    setPending(true);
    setError(null);
    const result = await setServiceDangerAction({ connectionId, productKey, serviceId, dangerous: !dangerous }).catch(() => null);
    setPending(false);
    if (!result?.ok) setError(result?.message ?? t("noAnswer"));
    else router.refresh();
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="outline" size="sm" onClick={() => void toggle()} disabled={pending} aria-pressed={dangerous}>
        {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <ShieldAlert aria-hidden="true" />}
        {dangerous ? t("unmarkDangerous") : t("markDangerous")}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-destructive">
          {error}
        </span>
      )}
    </span>
  );
}
