"use client";

import { useEffect, useRef, useState } from "react";
import { ShieldAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";

// Same bounds as lib/invocations/dangerous.ts REASON_LIMITS (that module is server-only).
const MIN = 5;
const MAX = 500;

interface Props {
  open: boolean;
  serviceName: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/**
 * "Confirm with reason" for a service an admin marked dangerous. A native modal <dialog>: the browser
 * traps focus, Escape cancels, and the page behind cannot be clicked.
 */
export function ReasonDialog({ open, serviceName, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations("reason");

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  function confirm() {
    const text = reason.trim();
    if (text.length < MIN || text.length > MAX) {
      setError(t("length", { min: MIN, max: MAX }));
      return;
    }
    setReason("");
    setError(null);
    onConfirm(text);
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby="reason-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-full max-w-md rounded-lg border bg-card p-0 text-card-foreground shadow-lg backdrop:bg-black/40"
    >
      <form
        method="dialog"
        className="space-y-3 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
      >
        <h2 id="reason-title" className="flex items-center gap-2 font-semibold">
          <ShieldAlert className="size-4 text-destructive" aria-hidden="true" />
          {t("title")}
        </h2>
        <p className="text-sm text-muted-foreground">
          {t.rich("body", { service: () => <span className="font-medium text-foreground">{serviceName}</span> })}
        </p>
        <div className="space-y-1.5">
          <Label htmlFor="invoke-reason">{t("reason")}</Label>
          <textarea
            id="invoke-reason"
            name="reason"
            rows={3}
            maxLength={MAX}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "invoke-reason-error" : undefined}
            className="w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive"
          />
          {error && (
            <p id="invoke-reason-error" className="text-xs text-destructive">
              {error}
            </p>
          )}
        </div>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={onCancel}>
            {t("cancel")}
          </Button>
          <Button type="submit" variant="destructive">
            {t("confirm")}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
