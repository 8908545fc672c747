// History filters as a Prisma `where`. Each equality filter is served by an index ending in
// (requestedAt DESC, id DESC) (see schema.prisma), so a page reads only the rows it shows.
import type { Prisma } from "../generated/prisma/client";
import type { Cursor } from "./cursor";
import type { HistoryFilter } from "./history-filter";

export function historyWhere(filter: HistoryFilter, after?: Cursor | null): Prisma.InvocationWhereInput {
  const and: Prisma.InvocationWhereInput[] = [];
  if (filter.from || filter.to) {
    and.push({ requestedAt: { gte: filter.from ? new Date(filter.from) : undefined, lt: filter.to ? new Date(filter.to) : undefined } });
  }
  if (filter.connection) and.push({ connectionId: filter.connection });
  if (filter.platform) and.push({ platform: filter.platform });
  if (filter.product) and.push({ productKey: filter.product });
  if (filter.device) and.push({ deviceKey: filter.device });
  if (filter.service) and.push({ serviceId: filter.service });
  if (filter.user) and.push({ userEmail: filter.user });
  if (filter.status?.length) and.push({ status: filter.status.length === 1 ? filter.status[0] : { in: filter.status } });
  if (filter.q) and.push({ OR: idSearch(filter.q) });
  if (after) and.push(...afterCursor(after));
  return and.length ? { AND: and } : {};
}

/**
 * Rows older than the cursor in (requestedAt DESC, id DESC) order. The plain `requestedAt <=` is
 * redundant with the OR but is what PostgreSQL can use as an index bound; the OR alone would make
 * it scan from the newest row again on every page.
 */
function afterCursor(after: Cursor): Prisma.InvocationWhereInput[] {
  return [
    { requestedAt: { lte: after.requestedAt } },
    { OR: [{ requestedAt: { lt: after.requestedAt } }, { requestedAt: after.requestedAt, id: { lt: after.id } }] },
  ];
}

/** The platform ids by prefix (LIKE 'q%', served by text_pattern_ops indexes) and the invocation id by UUID range. */
export function idSearch(q: string): Prisma.InvocationWhereInput[] {
  const prefix = escapeLike(q);
  const conditions: Prisma.InvocationWhereInput[] = [
    { platformRequestId: { startsWith: prefix } },
    { commandId: { startsWith: prefix } },
    { messageId: { startsWith: prefix } },
  ];
  const range = uuidPrefixRange(q);
  if (range) conditions.unshift({ id: { gte: range.low, lte: range.high } });
  return conditions;
}

// Prisma passes startsWith to LIKE as is; PostgreSQL's default LIKE escape is the backslash.
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A UUID prefix as the range of UUIDs that start with it: PostgreSQL orders uuid by its bytes, so
 * the range is an index range on the primary key (a uuid cannot be matched with LIKE).
 */
export function uuidPrefixRange(q: string): { low: string; high: string } | null {
  const text = q.toLowerCase();
  if (!/^[0-9a-f-]+$/.test(text)) return null;
  const digits = text.replace(/-/g, "");
  if (digits.length === 0 || digits.length > 32) return null;
  const low = asUuid(digits.padEnd(32, "0"));
  if (text.includes("-") && !low.startsWith(text)) return null; // hyphens where a UUID has none
  const high = asUuid(digits.padEnd(32, "f"));
  return UUID_SHAPE.test(low) ? { low, high } : null;
}

function asUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
