// `projection` of v2.1 searches: crops each result to the listed paths. `a.b` selects a
// sub-field, `x[*].y` applies the rest of the path to every element of x, `*` matches any field.
import { isPlainObject } from "./input-check";

type Json = Record<string, unknown>;

/** `item` cropped to `paths`; without paths, `item` itself. */
export function project(item: unknown, paths: readonly string[] | undefined): unknown {
  if (!paths || paths.length === 0) return item;
  let out: unknown = {};
  for (const path of paths) out = merge(out, pick(item, path.split(".")));
  return out;
}

function pick(value: unknown, segments: string[]): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  if (!isPlainObject(value)) return undefined;
  const each = head.endsWith("[*]");
  const name = each ? head.slice(0, -3) : head;
  const out: Json = {};
  for (const key of name === "*" ? Object.keys(value) : [name]) {
    if (!Object.hasOwn(value, key)) continue;
    const v = value[key];
    const picked = each && Array.isArray(v) ? v.map((el) => pick(el, rest) ?? {}) : each ? undefined : pick(v, rest);
    if (picked !== undefined) out[key] = picked;
  }
  // a path that matched nothing leaves no empty parent behind
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Deep merge of two projections of the same item (arrays element by element). */
function merge(a: unknown, b: unknown): unknown {
  if (b === undefined) return a;
  if (Array.isArray(a) && Array.isArray(b)) return b.map((el, i) => merge(a[i], el));
  if (isPlainObject(a) && isPlainObject(b)) {
    const out: Json = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = Object.hasOwn(out, k) ? merge(out[k], v) : v;
    return out;
  }
  return b;
}
