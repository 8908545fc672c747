import { useTranslations } from "next-intl";
import { outputRows } from "@/lib/thing-model/output";
import type { Locale, ParamSpec } from "@/lib/thing-model/types";
import { CopyButton } from "@/components/copy-button";
import { toJson } from "@/components/json-block";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";

/**
 * The output as a table by the service's output params (labels, units, enum and bool labels,
 * struct members and array items indented below their parent), with a button copying it as JSON.
 * Keys the model does not declare are listed too.
 */
export function OutputTable({ output, params, locale }: { output: unknown; params: ParamSpec[]; locale: Locale }) {
  const rows = outputRows(output, params, locale);
  const t = useTranslations("invocation");
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">{t("noOutput")}</p>;
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs text-muted-foreground">{t("byOutputParams")}</span>
        <CopyButton value={toJson(output)} label={t("outputAsJson")} />
      </div>
      <Table aria-label={t("outputValues")} data-testid="output-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t("output")}</TableHead>
            <TableHead>{t("value")}</TableHead>
            <TableHead>{t("unit")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.path} data-path={r.path}>
              <TableCell style={{ paddingLeft: `${0.75 + r.depth * 1.25}rem` }}>
                {r.label && <span className={cn("mr-1.5", r.group && "font-medium")}>{r.label}</span>}
                {/* the identifier wraps below the label on narrow screens */}
                <code className="inline-block text-xs text-muted-foreground">{r.key}</code>
              </TableCell>
              <TableCell className={cn("min-w-32 font-mono text-xs wrap-anywhere", r.group && "text-muted-foreground")}>{r.value}</TableCell>
              <TableCell className="text-muted-foreground">{r.unit}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
