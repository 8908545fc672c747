// The history filters, one vocabulary for the page's URL, the server actions and the HTTP API, so
// a filtered view can be shared as a link and repeated as an API call. No server imports: the
// filter bar builds URLs with it in the browser.
import { z } from "zod";
import { PLATFORM_IDS, type PlatformId } from "../platforms/types";
import { INVOCATION_STATUSES, type InvocationStatus } from "./status";
import type { FieldIssue } from "./types";

export interface HistoryFilter {
  /** requestedAt >= from (ISO-8601) */
  from?: string;
  /** requestedAt < to (ISO-8601) */
  to?: string;
  connection?: string;
  platform?: PlatformId;
  product?: string;
  device?: string;
  service?: string;
  /** the user's email */
  user?: string;
  status?: InvocationStatus[];
  /** an invocation id, command id, message id or request id, exactly or by prefix */
  q?: string;
}

export const FILTER_KEYS = ["from", "to", "connection", "platform", "product", "device", "service", "user", "status", "q"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

// A date, or a date-time that says its offset: "10:00" alone would mean the server's zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

const instant = z
  .string()
  .trim()
  .refine((v) => INSTANT.test(v) && !Number.isNaN(Date.parse(v)), {
    error: "must be an ISO-8601 date or date-time with an offset, e.g. 2026-11-23T08:00:00Z",
  })
  .transform((v) => new Date(v).toISOString());

const key = (what: string) => z.string().trim().min(1).max(200, { error: `must be a ${what} of at most 200 characters` });

const statusList = z
  .string()
  .transform((v) => [...new Set(v.split(",").map((s) => s.trim().toUpperCase()).filter(Boolean))])
  .pipe(z.array(z.enum(INVOCATION_STATUSES, { error: `must be one or more of ${INVOCATION_STATUSES.join(", ")}, comma-separated` })).min(1));

const schema = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    connection: z.uuid({ error: "must be a connection id (a UUID)" }).optional(),
    platform: z.enum(PLATFORM_IDS, { error: `must be one of ${PLATFORM_IDS.join(", ")}` }).optional(),
    product: key("product key").optional(),
    device: key("device key").optional(),
    service: key("service identifier").optional(),
    user: z.string().trim().toLowerCase().max(320).pipe(z.email({ error: "must be a user's email address" })).optional(),
    status: statusList.optional(),
    q: z
      .string()
      .trim()
      .max(100, { error: "must be at most 100 characters" })
      .regex(/^\S+$/, { error: "must be one id, without spaces" })
      .optional(),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { error: "must be later than “from”", path: ["to"] });

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** Repeated parameters are joined with commas (so `status=A&status=B` works); empty ones are ignored. */
function rawValues(params: SearchParamsLike): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const values = params instanceof URLSearchParams ? params.getAll(k) : [params[k] ?? []].flat();
    const joined = values.map((v) => v.trim()).filter(Boolean).join(",");
    if (joined) out[k] = joined;
  }
  return out;
}

export type ParsedFilter = { ok: true; filter: HistoryFilter } | { ok: false; issues: FieldIssue[] };

export function parseHistoryFilter(params: SearchParamsLike): ParsedFilter {
  const result = schema.safeParse(rawValues(params));
  if (result.success) return { ok: true, filter: result.data };
  // the filter's name is the path: "status", not "status.0"
  return { ok: false, issues: result.error.issues.map((i) => ({ path: String(i.path[0] ?? ""), message: i.message })) };
}

/** The filter as query parameters, in a fixed order so equal filters give equal URLs. */
export function historyFilterToSearchParams(filter: HistoryFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const value = filter[k];
    if (Array.isArray(value) ? value.length > 0 : value) params.set(k, Array.isArray(value) ? value.join(",") : value!);
  }
  return params;
}

export function isFiltered(filter: HistoryFilter): boolean {
  return historyFilterToSearchParams(filter).size > 0;
}
