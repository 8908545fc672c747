import type { Metadata } from "next";
import { TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { connectionScope, historyScope } from "@/lib/auth/scope";
import { requireUser } from "@/lib/auth/session";
import { listConnections } from "@/lib/connections";
import { historyFilterToSearchParams, parseHistoryFilter, type HistoryFilter, type SearchParamsLike } from "@/lib/invocations/history-filter";
import { countInvocations, listInvocations, type HistoryScope } from "@/lib/invocations/queries";
import { ExportButtons } from "@/components/history/export-buttons";
import { HistoryFilters } from "@/components/history/history-filters";
import { HistoryTable } from "@/components/history/history-table";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("history"))("title") };
}

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function HistoryPage({ searchParams }: Props) {
  const params = await searchParams;
  const user = await requireUser(`/history?${new URLSearchParams(flat(params))}`);
  const scope = await historyScope(user); // authorizes history:read
  const parsed = parseHistoryFilter(params);
  // whoever reads all history (admins, managers) may filter by any connection
  const connections = (await listConnections(Object.keys(scope).length === 0 ? {} : await connectionScope(user))).map((c) => ({ id: c.id, name: c.name }));
  const query = parsed.ok ? historyFilterToSearchParams(parsed.filter).toString() : "";
  const t = await getTranslations("history");

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={parsed.ok && can(user, "history:export") ? <ExportButtons filterQuery={query} /> : undefined}
      />
      <HistoryFilters key={query} filter={parsed.ok ? parsed.filter : {}} connections={connections} />
      {parsed.ok ? <Results key={query} scope={scope} query={query} filter={parsed.filter} canInvoke={can(user, "invoke")} /> : <BadFilters issues={parsed.issues} />}
    </>
  );
}

interface ResultsProps {
  scope: HistoryScope;
  query: string;
  filter: HistoryFilter;
  canInvoke: boolean;
}

async function Results({ scope, query, filter, canInvoke }: ResultsProps) {
  const [first, count] = await Promise.all([listInvocations({ scope, filter, limit: PAGE_SIZE }), countInvocations(scope, filter)]);
  return <HistoryTable firstPage={first} count={count} filterQuery={query} pageSize={PAGE_SIZE} canInvoke={canInvoke} />;
}

function BadFilters({ issues }: { issues: { path: string; message: string }[] }) {
  const t = useTranslations("history");
  return (
    <Alert variant="destructive">
      <TriangleAlert aria-hidden="true" />
      <AlertTitle>{t("badFilters")}</AlertTitle>
      <AlertDescription>
        <ul className="list-disc pl-4">
          {issues.map((i) => (
            <li key={i.path}>
              <code>{i.path}</code> {i.message}
            </li>
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}

function flat(params: SearchParamsLike): [string, string][] {
  if (params instanceof URLSearchParams) return [...params.entries()];
  return Object.entries(params).flatMap(([k, v]) => [v ?? []].flat().map((x): [string, string] => [k, x]));
}
