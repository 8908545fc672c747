// Query parameters shared by the list, count and export endpoints: the History page's filters.
import { z } from "zod";
import { parseHistoryFilter, type HistoryFilter } from "@/lib/invocations/history-filter";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/invocations/export-format";
import { invalidRequest } from "@/lib/api/errors";

export function filterQuery(params: URLSearchParams): HistoryFilter {
  const parsed = parseHistoryFilter(params);
  if (!parsed.ok) throw invalidRequest("Some filters are not valid. See issues.", parsed.issues);
  return parsed.filter;
}

const limitSchema = z.coerce.number().int().min(1).max(200);

export function listQuery(params: URLSearchParams): { filter: HistoryFilter; cursor: string | null; limit: number } {
  const filter = filterQuery(params);
  const rawLimit = params.get("limit");
  const limit = rawLimit === null ? { success: true as const, data: 50 } : limitSchema.safeParse(rawLimit);
  if (!limit.success) throw invalidRequest("The limit is not valid.", [{ path: "limit", message: "must be a whole number from 1 to 200" }]);
  return { filter, cursor: params.get("cursor"), limit: limit.data };
}

export function formatQuery(params: URLSearchParams): ExportFormat {
  const format = params.get("format") ?? "csv";
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw invalidRequest("The export format is not valid.", [{ path: "format", message: `must be one of ${EXPORT_FORMATS.join(", ")}` }]);
  }
  return format as ExportFormat;
}
