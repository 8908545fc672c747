// A structured difference between two JSON values (e.g. two outputs of the same service), walked
// into objects by key and arrays by index, so "speed went from 1200 to 1250" reads as one line.

export type DiffKind = "added" | "removed" | "changed";

export interface DiffEntry {
  /** e.g. "status.speed" or "items[2]"; "" is the whole value */
  path: string;
  kind: DiffKind;
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  const part = IDENTIFIER.test(key) ? key : `[${JSON.stringify(key)}]`;
  return parent && !part.startsWith("[") ? `${parent}.${part}` : `${parent}${part}`;
}

/** Entries in a stable order: keys of `before` first, then keys only `after` has. */
export function diffJson(before: unknown, after: unknown, path = ""): DiffEntry[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => {
      const p = childPath(path, k);
      if (!(k in after)) return [{ path: p, kind: "removed" as const, before: before[k] }];
      if (!(k in before)) return [{ path: p, kind: "added" as const, after: after[k] }];
      return diffJson(before[k], after[k], p);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return Array.from({ length: Math.max(before.length, after.length) }, (_, i) => {
      const p = childPath(path, i);
      if (i >= after.length) return [{ path: p, kind: "removed" as const, before: before[i] }];
      if (i >= before.length) return [{ path: p, kind: "added" as const, after: after[i] }];
      return diffJson(before[i], after[i], p);
    }).flat();
  }
  return sameJson(before, after) ? [] : [{ path, kind: "changed", before, after }];
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
