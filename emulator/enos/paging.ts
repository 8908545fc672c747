// The request parts every v2.1 search shares: pagination, projection and the expression string.
import { invalidArgument } from "./envelope";
import { compileFilter, ExpressionError, type FieldSpec } from "./expression";
import { isPlainObject } from "./input-check";

export interface PageRequest {
  pageNo: number;
  pageSize: number;
}

/** `{pageNo, pageSize, sorters?}`; searches ignore sorters, as the platform's do. */
export function pagination(raw: unknown, defaultSize: number, maxSize: number): PageRequest {
  if (raw === undefined || raw === null) return { pageNo: 1, pageSize: defaultSize };
  if (!isPlainObject(raw)) throw invalidArgument("pagination", "must be an object");
  const pageNo = raw.pageNo ?? 1;
  const pageSize = raw.pageSize ?? defaultSize;
  if (!Number.isInteger(pageNo) || (pageNo as number) < 1) throw invalidArgument("pagination.pageNo", "must be an integer >= 1");
  if (!Number.isInteger(pageSize) || (pageSize as number) < 1 || (pageSize as number) > maxSize) {
    throw invalidArgument("pagination.pageSize", `must be an integer 1..${maxSize}`);
  }
  return { pageNo: pageNo as number, pageSize: pageSize as number };
}

/** One page of `all` plus the pagination struct of the answer. */
export function paged<T>(all: T[], page: PageRequest): { items: T[]; pagination: Record<string, unknown> } {
  const items = all.slice((page.pageNo - 1) * page.pageSize, page.pageNo * page.pageSize);
  return { items, pagination: { pageNo: page.pageNo, pageSize: page.pageSize, totalSize: all.length, sortedBy: null } };
}

/** The search predicate of an optional expression string; a bad one is a 99400 naming the problem. */
export function expressionFilter<T>(expression: unknown, fields: Record<string, FieldSpec<T>>): (item: T) => boolean {
  if (expression === undefined || expression === null || expression === "") return () => true;
  if (typeof expression !== "string") throw invalidArgument("expression", "must be a string");
  try {
    return compileFilter(expression, fields);
  } catch (e) {
    if (e instanceof ExpressionError) throw invalidArgument("expression", e.message);
    throw e;
  }
}

/** `projection`: absent, or an array of field paths. */
export function projectionParam(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.some((p) => typeof p !== "string" || p === "")) {
    throw invalidArgument("projection", "must be an array of field paths");
  }
  return raw as string[];
}
