// Server-side validation of service input with the very schema the form is generated from, and
// the messages the form shows too (messages.ts).
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { FieldIssue } from "../invocations/types";
import { AJV_OPTIONS } from "./ajv-options";
import { inputSchema, type JsonSchema } from "./json-schema";
import { issueFor, uniqueIssues, type SchemaError } from "./messages";
import type { Locale, ServiceSpec } from "./types";

export { expectation } from "./messages";

export type ValidationResult = { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldIssue[] };

const ajv = new Ajv(AJV_OPTIONS);
addFormats(ajv, ["date"]);

/** `locale`: the language of the issues' messages (the form shows the same ones). */
export function validateInput(spec: ServiceSpec, input: unknown, locale: Locale = "en-US"): ValidationResult {
  if (!isPlainObject(input)) return { ok: false, issues: [{ path: "", message: "must be an object of parameter values" }] };
  const shapeIssues = checkPlainJson(input);
  if (shapeIssues.length > 0) return { ok: false, issues: shapeIssues };
  // validate (and return) a detached copy, so later changes to the caller's object cannot slip past
  const value = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  const validate = compiled(spec);
  if (validate(value)) return { ok: true, value };
  return { ok: false, issues: issuesFrom(spec, validate.errors ?? [], locale) };
}

// ---- compiled schema cache ------------------------------------------------------------------

const MAX_COMPILED = 500;
const bySpec = new WeakMap<ServiceSpec, ValidateFunction>();
// Specs are rebuilt whenever a model is fetched again; keying on the schema text avoids recompiling
// them, and the bound (with removeSchema) keeps ajv's own cache from growing without limit.
const byText = new Map<string, { schema: JsonSchema; fn: ValidateFunction }>();

function compiled(spec: ServiceSpec): ValidateFunction {
  const known = bySpec.get(spec);
  if (known) return known;
  const schema = inputSchema(spec);
  const key = JSON.stringify(schema);
  let entry = byText.get(key);
  if (entry) {
    byText.delete(key); // re-insert below: most recently used last
  } else {
    entry = { schema, fn: ajv.compile(schema) };
    evictOldest();
  }
  byText.set(key, entry);
  bySpec.set(spec, entry.fn);
  return entry.fn;
}

function evictOldest(): void {
  if (byText.size < MAX_COMPILED) return;
  const oldest = byText.keys().next();
  if (oldest.done) return;
  const entry = byText.get(oldest.value);
  byText.delete(oldest.value);
  if (entry) ajv.removeSchema(entry.schema);
}

// ---- plain-JSON guard -----------------------------------------------------------------------

// Keys that would reach Object.prototype (or a constructor) when a consumer merges the input.
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Rejects dangerous keys and anything JSON cannot carry; iterative, so deep input cannot overflow the stack. */
function checkPlainJson(root: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  const seen = new WeakSet<object>();
  while (stack.length > 0 && issues.length < 20) {
    const { value, path } = stack.pop()!;
    const problem = jsonProblem(value, seen);
    if (problem) {
      issues.push({ path: path.join("."), message: problem });
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      if (!Array.isArray(value) && FORBIDDEN_KEYS.has(key)) {
        issues.push({ path: [...path, key].join("."), message: "is not an allowed parameter name" });
      } else {
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return issues;
}

function jsonProblem(value: unknown, seen: WeakSet<object>): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : "must be a finite number";
  if (typeof value !== "object") return "must be plain JSON data";
  if (seen.has(value)) return "must not refer to itself";
  seen.add(value);
  return Array.isArray(value) || isPlainObject(value) ? undefined : "must be plain JSON data";
}

// ---- ajv errors -> field issues -------------------------------------------------------------

function issuesFrom(spec: ServiceSpec, errors: ErrorObject[], locale: Locale): FieldIssue[] {
  return uniqueIssues(errors.map((error) => issueFor(spec.inputs, schemaError(error), locale)));
}

function schemaError(error: ErrorObject): SchemaError {
  const params = error.params as { missingProperty?: string; additionalProperty?: string; limit?: number };
  return {
    segments: pointerSegments(error.instancePath),
    keyword: error.keyword,
    missingProperty: params.missingProperty,
    additionalProperty: params.additionalProperty,
    limit: params.limit,
    fallback: error.message,
  };
}

function pointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
