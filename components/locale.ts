import { currentLocale } from "@/lib/i18n/request";
import type { Locale } from "@/lib/thing-model/types";

/** The language of this request: the one chosen with the switcher, else the browser's. */
export async function requestLocale(): Promise<Locale> {
  return currentLocale();
}
