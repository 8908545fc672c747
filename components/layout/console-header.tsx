import Link from "next/link";
import { useTranslations } from "next-intl";
import { Cpu, KeyRound } from "lucide-react";
import type { CurrentUser } from "@/lib/invocations/types";
import { Badge } from "@/components/ui/badge";
import { can } from "@/lib/auth/permissions";
import { NavLinks, type NavLink } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { SignOutEverywhereButton } from "./sign-out-everywhere-button";
import { LocaleSwitcher } from "./locale-switcher";

function linksFor(user: CurrentUser, t: (key: "connections" | "history" | "users" | "manageConnections") => string): NavLink[] {
  const links: NavLink[] = [];
  if (can(user, "devices:browse")) links.push({ href: "/connections", label: t("connections") });
  if (can(user, "history:read")) links.push({ href: "/history", label: t("history") });
  if (can(user, "users:manage")) links.push({ href: "/admin/users", label: t("users") });
  if (can(user, "connections:manage")) links.push({ href: "/admin/connections", label: t("manageConnections") });
  return links;
}

export function ConsoleHeader({ user }: { user: CurrentUser }) {
  const t = useTranslations("header");
  const nav = useTranslations("nav");
  const roles = useTranslations("roles");
  return (
    <header className="sticky top-0 z-20 border-b bg-card/95 backdrop-blur">
      <div className="mx-auto flex h-12 max-w-screen-2xl items-center gap-6 px-4">
        <Link
          href="/connections"
          className="flex shrink-0 items-center gap-2 whitespace-nowrap rounded-md text-sm font-semibold outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <Cpu className="size-4 text-primary" aria-hidden="true" />
          {t("title")}
        </Link>
        <nav aria-label={t("mainNav")}>
          <NavLinks links={linksFor(user, nav)} />
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm" aria-label={t("signedInUser")} role="group">
          <LocaleSwitcher />
          <span className="hidden truncate text-muted-foreground xl:inline" data-testid="current-user-email">
            {user.email}
          </span>
          <Badge variant="outline" data-testid="current-user-role">
            {roles(user.role)}
          </Badge>
          <Link
            href="/settings/tokens"
            title={t("apiTokens")}
            className="flex items-center gap-1 whitespace-nowrap rounded-md px-1.5 py-1 text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <KeyRound className="size-3.5" aria-hidden="true" />
            <span className="sr-only 2xl:not-sr-only">{t("apiTokens")}</span>
          </Link>
          <SignOutButton />
          <SignOutEverywhereButton />
        </div>
      </div>
    </header>
  );
}
