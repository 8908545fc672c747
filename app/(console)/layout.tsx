import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { ConsoleHeader } from "@/components/layout/console-header";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:left-2 focus:top-2"
      >
        {t("skipToContent")}
      </a>
      <ConsoleHeader user={user} />
      <main id="main" className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-5">
        {children}
      </main>
    </div>
  );
}
