import { LOCALES, type Locale } from "../thing-model/types";

export { LOCALES, type Locale };
export const DEFAULT_LOCALE: Locale = "en-US";
/** Remembers the language chosen with the switcher (one year). */
export const LOCALE_COOKIE = "console-locale";

export function isLocale(value: string | null | undefined): value is Locale {
  return (LOCALES as readonly string[]).includes(value ?? "");
}

/** The chosen language, else the browser's first supported preference, else English. */
export function resolveLocale(chosen: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(chosen)) return chosen;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en-US";
  }
  return DEFAULT_LOCALE;
}
