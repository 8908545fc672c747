import type { Metadata } from "next";
import Link from "next/link";
import { Plus } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listConnectionsForAdmin } from "@/lib/admin/connections";
import { ConnectionEnabledToggle } from "@/components/admin/connection-enabled-toggle";
import { NotAllowed } from "@/components/layout/not-allowed";
import { PageHeader } from "@/components/layout/page-header";
import { platformLabel } from "@/components/platform-label";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminConnections"))("title") };
}

export default async function ManageConnectionsPage() {
  const user = await requireUser("/admin/connections");
  if (!can(user, "connections:manage")) return <NotAllowed what="managingConnections" />;
  const connections = await listConnectionsForAdmin(user);
  const t = await getTranslations("adminConnections");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild size="sm">
            <Link href="/admin/connections/new">
              <Plus aria-hidden="true" />
              {t("add")}
            </Link>
          </Button>
        }
      />
      <Card className="py-0">
        <Table aria-label={t("tableLabel")}>
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead>{t("platform")}</TableHead>
              <TableHead>{t("endpoint")}</TableHead>
              <TableHead>{t("accessKey")}</TableHead>
              <TableHead>{t("secret")}</TableHead>
              <TableHead>
                <span className="sr-only">{t("actions")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {connections.map((c) => (
              <TableRow key={c.id} data-connection-name={c.name}>
                <TableCell className="font-medium">
                  <div className="flex items-center gap-2">
                    <Link href={`/admin/connections/${c.id}`} className="hover:underline">
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
                <TableCell className="font-mono text-xs">{c.accessKey}</TableCell>
                <TableCell className="text-muted-foreground">{c.secretSet ? t("secretSet") : t("secretNotSet")}</TableCell>
                <TableCell className="text-right">
                  <ConnectionEnabledToggle id={c.id} name={c.name} enabled={c.enabled} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </>
  );
}
