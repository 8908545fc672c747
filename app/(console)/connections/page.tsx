import type { Metadata } from "next";
import Link from "next/link";
import { Cable, ChevronRight } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { connectionScope } from "@/lib/auth/scope";
import { redirect } from "next/navigation";
import { listConnections } from "@/lib/connections";
import { platformLabel } from "@/components/platform-label";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("connections"))("title") };
}

export default async function ConnectionsPage() {
  const user = await requireUser("/connections");
  // managers read the history and browse no devices: their start page is the history
  if (!can(user, "devices:browse")) redirect("/history");
  const connections = await listConnections(await connectionScope(user));
  const t = await getTranslations("connections");

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {connections.length === 0 ? (
        <EmptyState icon={Cable} title={user.role === "admin" ? t("noneYet") : t("noneGranted")}>
          <p>
            {user.role !== "admin" && `${t("grantHint")} `}
            {t("emptyHint")}
          </p>
        </EmptyState>
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("name")}</TableHead>
                <TableHead>{t("platform")}</TableHead>
                <TableHead>{t("endpoint")}</TableHead>
                <TableHead>{t("orgRegion")}</TableHead>
                <TableHead className="w-8">
                  <span className="sr-only">{t("open")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {connections.map((c) => (
                <TableRow key={c.id} className="group relative">
                  <TableCell className="font-medium">
                    <div className="flex items-center gap-2">
                      <Link
                        href={`/connections/${c.id}`}
                        className="rounded-sm outline-none after:absolute after:inset-0 hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
                      >
                        {c.name}
                      </Link>
                      {c.isDemo && <Badge variant="info">{t("demo")}</Badge>}
                      {!c.enabled && <Badge variant="muted">{t("disabled")}</Badge>}
                    </div>
                  </TableCell>
                  <TableCell>{platformLabel(c.platform)}</TableCell>
                  <TableCell className="max-w-xs truncate font-mono text-xs" title={c.endpoint}>
                    {c.endpoint}
                  </TableCell>
                  <TableCell className="font-mono text-xs">
                    {[c.orgId, c.regionId, c.instanceId].filter(Boolean).join(" · ") || "—"}
                  </TableCell>
                  <TableCell>
                    <ChevronRight className="size-4 text-muted-foreground group-hover:text-foreground" aria-hidden="true" />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </>
  );
}
