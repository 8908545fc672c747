// Validation messages built from the ServiceSpec rather than ajv's wording, so they name the field
// and the allowed values the way an engineer thinks of them. Pure (no ajv): the server's
// validate.ts and the browser form both turn their schema errors into these same messages.
import type { FieldIssue } from "../invocations/types";
import { text, type Locale, type ParamSpec } from "./types";

/** One schema error, whichever validator reported it. */
export interface SchemaError {
  /** value path: identifiers through structs, indexes through arrays */
  segments: readonly string[];
  /** the JSON Schema keyword that failed ("required", "maximum", ...) */
  keyword: string;
  missingProperty?: string;
  additionalProperty?: string;
  limit?: number;
  /** the validator's own message, used when the path names no known param */
  fallback?: string;
}

export function issueFor(params: readonly ParamSpec[], error: SchemaError, locale: Locale = "en-US"): FieldIssue {
  const { segments, keyword } = error;
  const zh = locale === "zh-CN";
  if (keyword === "required" && error.missingProperty !== undefined) {
    return { path: [...segments, error.missingProperty].join("."), message: zh ? "为必填项" : "is required" };
  }
  if (keyword === "required") return { path: segments.join("."), message: zh ? "为必填项" : "is required" };
  if (keyword === "additionalProperties" && error.additionalProperty !== undefined) {
    return { path: [...segments, error.additionalProperty].join("."), message: zh ? "不是已知参数" : "unknown parameter" };
  }
  const param = paramAt(params, segments);
  const path = segments.join(".");
  if (!param) return { path, message: error.fallback ?? (zh ? "无效" : "is not valid") };
  return { path, message: zh ? expectationZh(param, keyword, error.limit, locale) : expectation(param, keyword, error.limit) };
}

/** The first issue per path: one value failing several keywords (type, oneOf, const...) is one problem. */
export function uniqueIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  const byPath = new Map<string, string>();
  for (const issue of issues) if (!byPath.has(issue.path)) byPath.set(issue.path, issue.message);
  return [...byPath].map(([path, message]) => ({ path, message }));
}

/** The ParamSpec a value path points at: identifiers through structs, indexes through arrays. */
export function paramAt(params: readonly ParamSpec[] | undefined, segments: readonly string[]): ParamSpec | undefined {
  const [head, ...rest] = segments;
  let param = params?.find((p) => p.identifier === head);
  for (const segment of rest) {
    if (param?.type === "struct") param = param.members?.find((m) => m.identifier === segment);
    else if (param?.type === "array") param = param.items;
    else return undefined;
  }
  return param;
}

/** What a valid value of `p` looks like, in plain English. */
export function expectation(p: ParamSpec, keyword?: string, limit?: number): string {
  switch (p.type) {
    case "int":
      return `must be ${isInt32(p) ? "a 32-bit integer" : `an integer${range(p)}`}${p.step ? ` in steps of ${p.step}` : ""}`;
    case "float":
    case "double":
      return `must be a number${range(p)}`;
    case "string":
      return p.maxLength !== undefined ? `must be a string of at most ${p.maxLength} characters` : "must be a string";
    case "bool":
      return p.boolLabels
        ? `must be true (${text(p.boolLabels.true)}) or false (${text(p.boolLabels.false)})`
        : "must be true or false";
    case "enum":
      return `must be one of: ${(p.enumOptions ?? []).map((o) => optionText(o)).join(", ")}`;
    case "date":
      return "must be a date in the form YYYY-MM-DD";
    case "timestamp":
      return "must be a whole number of milliseconds since 1970-01-01 UTC";
    case "file":
      return "must be a string (the file's URL)";
    case "struct":
      return "must be an object";
    case "array":
      if (keyword === "minItems") return `must have at least ${limit} items`;
      if (keyword === "maxItems") return `must have at most ${limit} items`;
      return "must be a list";
    case "json":
      return "must be a JSON value";
  }
}

/** expectation() in Simplified Chinese. */
export function expectationZh(p: ParamSpec, keyword?: string, limit?: number, locale: Locale = "zh-CN"): string {
  switch (p.type) {
    case "int":
      return `必须是${isInt32(p) ? "32 位整数" : `${rangeZh(p)}整数`}${p.step ? `，步长为 ${p.step}` : ""}`;
    case "float":
    case "double":
      return `必须是${rangeZh(p)}数值`;
    case "string":
      return p.maxLength !== undefined ? `必须是不超过 ${p.maxLength} 个字符的字符串` : "必须是字符串";
    case "bool":
      return p.boolLabels
        ? `必须是 true（${text(p.boolLabels.true, locale)}）或 false（${text(p.boolLabels.false, locale)}）`
        : "必须是 true 或 false";
    case "enum":
      return `必须是以下之一：${(p.enumOptions ?? []).map((o) => optionText(o, locale)).join("、")}`;
    case "date":
      return "必须是 YYYY-MM-DD 格式的日期";
    case "timestamp":
      return "必须是自 1970-01-01 UTC 起的整数毫秒数";
    case "file":
      return "必须是字符串（文件的 URL）";
    case "struct":
      return "必须是对象";
    case "array":
      if (keyword === "minItems") return `至少需要 ${limit} 项`;
      if (keyword === "maxItems") return `最多只能有 ${limit} 项`;
      return "必须是列表";
    case "json":
      return "必须是 JSON 值";
  }
}

function rangeZh(p: ParamSpec): string {
  const min = p.min !== undefined && Number.isFinite(p.min) && p.min !== INT32_MIN ? p.min : undefined;
  const max = p.max !== undefined && Number.isFinite(p.max) && p.max !== INT32_MAX ? p.max : undefined;
  if (min !== undefined && max !== undefined) return ` ${min} 到 ${max} 之间的`;
  if (min !== undefined) return `不小于 ${min} 的`;
  if (max !== undefined) return `不大于 ${max} 的`;
  return "";
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** An INT whose only bounds are those every INT has: naming them would be noise. */
function isInt32(p: ParamSpec): boolean {
  return p.min === INT32_MIN && p.max === INT32_MAX;
}

function range(p: ParamSpec): string {
  // the 32-bit limits of an INT go unsaid when the model sets the other bound
  const min = p.min !== undefined && Number.isFinite(p.min) && p.min !== INT32_MIN ? p.min : undefined;
  const max = p.max !== undefined && Number.isFinite(p.max) && p.max !== INT32_MAX ? p.max : undefined;
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return "";
}

function optionText(o: { value: string | number; label: { default: string } }, locale: Locale = "en-US"): string {
  const label = text(o.label, locale);
  return label && label !== String(o.value) ? `${o.value} (${label})` : String(o.value);
}
