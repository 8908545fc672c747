"use client";

import { useTransition } from "react";
import { useLocale } from "next-intl";
import { useRouter } from "next/navigation";
import { Languages } from "lucide-react";
import { setLocaleAction } from "@/app/_actions/set-locale";

const NAMES = { "en-US": "English", "zh-CN": "简体中文" } as const;

/** Language names are written in their own language, so anyone can find theirs. */
export function LocaleSwitcher() {
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-1.5 text-sm text-muted-foreground">
      <Languages className="size-4" aria-hidden="true" />
      {/* i18n-ignore: both languages, so anyone can find the switcher */}
      <span className="sr-only">Language / 语言</span>
      <select
        // i18n-ignore
        aria-label="Language / 语言"
        className="h-8 rounded-md border border-input bg-transparent px-1.5 text-sm text-foreground"
        value={locale}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          startTransition(async () => {
            await setLocaleAction(next);
            router.refresh();
          });
        }}
      >
        {Object.entries(NAMES).map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
