"use client";

import { RotateCw, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  const t = useTranslations("errors");
  return (
    <Alert variant="destructive">
      <TriangleAlert aria-hidden="true" />
      <AlertTitle>{t("pageTitle")}</AlertTitle>
      <AlertDescription>
        <p>{digest ? t("pageBodyWithReference", { digest }) : t("pageBody")}</p>
        <Button variant="outline" size="sm" onClick={() => retry()}>
          <RotateCw aria-hidden="true" /> {t("tryAgain")}
        </Button>
      </AlertDescription>
    </Alert>
  );
}
