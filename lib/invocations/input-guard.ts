// Shape limits on an invocation's input, checked before anything else looks at it (the device's
// thing model, the database, a platform). Thing models are shallow and small; input that is deeply
// nested, huge, not valid Unicode or that names prototype keys is an attack or a bug, and is refused
// with a field-level message instead of reaching code that might recurse, allocate or merge it.
import type { FieldIssue } from "./types";

export const INPUT_LIMITS = { depth: 16, nodes: 5_000, stringLength: 65_536, totalChars: 262_144 } as const;

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_ISSUES = 20;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False for strings with an unpaired UTF-16 surrogate, which no UTF-8 wire format can carry. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

interface Walk {
  nodes: number;
  chars: number;
  issues: FieldIssue[];
  /** set by a limit on the whole input: walking further would only repeat it */
  stopped: boolean;
}

/** Field issues for input whose shape no thing model accepts; empty when the shape is fine. */
export function inputShapeIssues(input: unknown): FieldIssue[] {
  const walk: Walk = { nodes: 0, chars: 0, issues: [], stopped: false };
  visit(input, "", 0, walk);
  return walk.issues;
}

function visit(value: unknown, path: string, depth: number, w: Walk): void {
  if (w.stopped || w.issues.length >= MAX_ISSUES) return;
  if (++w.nodes > INPUT_LIMITS.nodes) return stop(w, `has more than ${INPUT_LIMITS.nodes} values`);
  if (typeof value === "string") return visitString(value, path, w);
  if (value === null || typeof value !== "object") return visitScalar(value, path, w);
  if (depth >= INPUT_LIMITS.depth) return stop(w, `is nested more than ${INPUT_LIMITS.depth} levels deep`);
  if (Array.isArray(value)) {
    value.forEach((item, i) => visit(item, join(path, String(i)), depth + 1, w));
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return issue(w, path, "must be a plain JSON object");
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) issue(w, join(path, key), "is not an allowed parameter name");
    else if (!isWellFormedText(key)) issue(w, path, "has a parameter name that is not valid Unicode");
    else visit((value as Record<string, unknown>)[key], join(path, key), depth + 1, w);
  }
}

function visitString(value: string, path: string, w: Walk): void {
  w.chars += value.length;
  if (w.chars > INPUT_LIMITS.totalChars) return stop(w, `is larger than ${INPUT_LIMITS.totalChars} characters in all`);
  if (value.length > INPUT_LIMITS.stringLength) return issue(w, path, `is longer than ${INPUT_LIMITS.stringLength} characters`);
  if (!isWellFormedText(value)) issue(w, path, "is not valid Unicode (it contains an unpaired surrogate)");
}

function visitScalar(value: unknown, path: string, w: Walk): void {
  if (typeof value === "number" && !Number.isFinite(value)) issue(w, path, "must be a finite number");
  else if (value !== null && typeof value !== "number" && typeof value !== "boolean") issue(w, path, `is a ${typeof value}, which JSON cannot carry`);
}

function issue(w: Walk, path: string, message: string): void {
  if (w.issues.length < MAX_ISSUES) w.issues.push({ path, message });
}

function stop(w: Walk, message: string): void {
  issue(w, "input", message);
  w.stopped = true;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);
