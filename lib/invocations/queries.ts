import "server-only";
import { prisma } from "../db";
import type { Invocation, Prisma } from "../generated/prisma/client";
import { isUuid } from "../connections";
import { decodeCursor, encodeCursor, type Cursor } from "./cursor";
import type { HistoryFilter } from "./history-filter";
import { historyWhere } from "./history-where";
import { InputValidationError, type InvocationPage, type InvocationView } from "./types";
import { toInvocationView } from "./view";

const MAX_PAGE = 200;
/** Newest first; id breaks ties between rows requested in the same millisecond. */
const HISTORY_ORDER: Prisma.InvocationOrderByWithRelationInput[] = [{ requestedAt: "desc" }, { id: "desc" }];
/** Counting stops here: beyond it the page says "more than 10,000", which costs a bounded index scan. */
export const COUNT_CAP = 10_000;

/**
 * Every read takes the caller's scope (lib/auth/scope.ts historyScope): the rows they may see, ANDed
 * with whatever they filter on, so no entry point can forget it.
 */
export type HistoryScope = Prisma.InvocationWhereInput;

export interface ListOptions {
  scope: HistoryScope;
  filter?: HistoryFilter;
  cursor?: string | null;
  limit?: number;
}

/** Newest first, keyset-paginated on (requestedAt, id): no OFFSET, stable under inserts. */
export async function listInvocations(opts: ListOptions): Promise<InvocationPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), MAX_PAGE);
  const rows = await findPage(opts.scope, opts.filter ?? {}, parseCursor(opts.cursor), limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toInvocationView(r)),
    nextCursor: rows.length > limit && last ? cursorOf(last) : null,
  };
}

/** One page of rows in history order, for listing and export. */
export function findPage(scope: HistoryScope, filter: HistoryFilter, after: Cursor | null, take: number): Promise<Invocation[]> {
  return prisma.invocation.findMany({
    where: { AND: [scope, historyWhere(filter, after)] },
    orderBy: HISTORY_ORDER,
    take,
  });
}

export const cursorOf = (row: Pick<Invocation, "requestedAt" | "id">): string => encodeCursor({ requestedAt: row.requestedAt, id: row.id });

/** A cursor from a client: absent is the first page, garbage is refused rather than ignored. */
export function parseCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null;
  const cursor = decodeCursor(value);
  if (!cursor) throw new InputValidationError([{ path: "cursor", message: "is not a cursor this console handed out (use nextCursor as is)" }]);
  return cursor;
}

export interface HistoryCount {
  count: number;
  /** false when counting stopped at the cap: there are more than `count` */
  exact: boolean;
}

/**
 * Counts the filtered rows, exactly up to `cap`. First a probe for a row past the cap, walking the
 * same (filter, requestedAt, id) index a page uses, so it reads at most `cap` index entries; only
 * when there is none is the (then bounded) exact count run. Prisma's own `count({ take })` orders by
 * id, which at 10 million rows walks the primary key and fetches heap rows at random instead.
 */
export async function countInvocations(scope: HistoryScope, filter: HistoryFilter, cap = COUNT_CAP): Promise<HistoryCount> {
  const where = { AND: [scope, historyWhere(filter)] };
  const beyond = await prisma.invocation.findFirst({ where, select: { id: true }, orderBy: HISTORY_ORDER, skip: cap });
  if (beyond) return { count: cap, exact: false };
  return { count: await prisma.invocation.count({ where }), exact: true };
}

/** The invocation with its events, or null when it does not exist or is outside the scope. */
export async function getInvocation(id: string, scope: HistoryScope): Promise<InvocationView | null> {
  if (!isUuid(id)) return null;
  const row = await prisma.invocation.findFirst({
    where: { AND: [{ id }, scope] },
    include: { events: { orderBy: [{ at: "asc" }, { id: "asc" }] } },
  });
  return row ? toInvocationView(row) : null;
}

/** The invocation of the same service on the same device just before this one, if any. */
export async function getPreviousInvocation(current: InvocationView, scope: HistoryScope): Promise<InvocationView | null> {
  const requestedAt = new Date(current.requestedAt);
  const sameCall = { connectionId: current.connectionId, productKey: current.productKey, deviceKey: current.deviceKey, serviceId: current.serviceId };
  const row = await prisma.invocation.findFirst({
    where: { AND: [scope, sameCall, historyWhere({}, { requestedAt, id: current.id })] },
    orderBy: HISTORY_ORDER,
  });
  return row ? toInvocationView(row) : null;
}
