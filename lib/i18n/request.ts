import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, resolveLocale, type Locale } from "./config";

export async function currentLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
}

// The console has no locale in its URLs: the language comes from the switcher's cookie or the browser.
export default getRequestConfig(async () => {
  const locale = await currentLocale();
  return { locale, messages: (await import(`./messages/${locale}.json`)).default };
});
