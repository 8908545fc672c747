import { useTranslations } from "next-intl";
import { diffJson, type DiffEntry } from "@/lib/invocations/json-diff";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

const KIND: Record<DiffEntry["kind"], { variant: BadgeVariant }> = {
  changed: { variant: "warning" },
  added: { variant: "success" },
  removed: { variant: "destructive" },
};

const show = (v: unknown): string => (v === undefined ? "" : JSON.stringify(v));

/** The differences between two JSON values, one row per changed path. */
export function JsonDiffTable({ before, after, what }: { before: unknown; after: unknown; what: "input" | "output" }) {
  const entries = diffJson(before, after);
  const t = useTranslations("diff");
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">{t(`same.${what}`)}</p>;
  return (
    <Table aria-label={t(`label.${what}`)}>
      <TableHeader>
        <TableRow>
          <TableHead>{t("path")}</TableHead>
          <TableHead>{t("change")}</TableHead>
          <TableHead>{t("previous")}</TableHead>
          <TableHead>{t("thisOne")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((e) => (
          <TableRow key={`${e.path}-${e.kind}`} data-diff-path={e.path}>
            <TableCell className="font-mono text-xs">{e.path || t("wholeValue")}</TableCell>
            <TableCell>
              <Badge variant={KIND[e.kind].variant}>{t(`kind.${e.kind}`)}</Badge>
            </TableCell>
            <TableCell className="max-w-72 break-all font-mono text-xs text-muted-foreground">{show(e.before)}</TableCell>
            <TableCell className="max-w-72 break-all font-mono text-xs">{show(e.after)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
