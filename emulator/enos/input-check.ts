// Checks a service's inputData the way the platform does before a command reaches a device.
// Returns the first problem as "<path>: <reason>" (the caller prefixes "Invalid Argument ").
import type { DataType, ParamSpec } from "./thing-model";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
// "yyyy-MM-dd", optionally with a time: the contract only says the value looks like "2019-05-06"
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?$/;

/** `root` names the input in messages: "inputData" (v2.1) or "args" (older API). */
export function checkInputData(specs: readonly ParamSpec[], input: Record<string, unknown>, root = "inputData"): string | null {
  return checkMembers(specs, input, root, "parameter");
}

function checkMembers(
  specs: readonly ParamSpec[],
  value: Record<string, unknown>,
  path: string,
  noun: string,
): string | null {
  const byId = new Map(specs.map((s) => [s.id, s]));
  for (const key of Object.keys(value)) {
    if (!byId.has(key)) return `${path}.${key}: unknown ${noun}`;
  }
  for (const spec of specs) {
    const v = value[spec.id];
    if (v === undefined) {
      if (spec.required) return `${path}.${spec.id}: required`;
      continue;
    }
    const problem = checkValue(spec, v, `${path}.${spec.id}`);
    if (problem) return problem;
  }
  return null;
}

/** One value against its spec; null when fine. */
export function checkValue(spec: ParamSpec, v: unknown, path: string): string | null {
  switch (spec.type) {
    case "STRING": {
      if (typeof v !== "string") return `${path}: must be a string`;
      if (spec.maxLength !== undefined && v.length > spec.maxLength) {
        return `${path}: must be at most ${spec.maxLength} characters`;
      }
      return null;
    }
    case "ENUM":
      return checkEnum(spec.enumType, spec.keys, v, path);
    case "ARRAY":
      return checkArray(spec.itemType, v, path);
    case "STRUCT":
      if (!isPlainObject(v)) return `${path}: must be an object`;
      return checkMembers(spec.items, v, path, "member");
    case "UNCHECKED":
      return null;
    default:
      return checkScalar(spec.type, v, path);
  }
}

function checkScalar(type: DataType, v: unknown, path: string): string | null {
  switch (type) {
    case "INT":
      return Number.isInteger(v) && (v as number) >= INT32_MIN && (v as number) <= INT32_MAX
        ? null
        : `${path}: must be a 32-bit integer`;
    case "FLOAT":
    case "DOUBLE":
      return typeof v === "number" && Number.isFinite(v) ? null : `${path}: must be a finite number`;
    case "BOOL":
      // devices built on the SDKs send and accept 0/1 as well as true/false
      return typeof v === "boolean" || v === 0 || v === 1 ? null : `${path}: must be a boolean (true/false or 0/1)`;
    case "DATE":
      return isDate(v) ? null : `${path}: must be a date string "yyyy-MM-dd"`;
    case "TIMESTAMP":
      return Number.isSafeInteger(v) && (v as number) >= 0 ? null : `${path}: must be an integer epoch time in ms`;
    case "FILE":
      return typeof v === "string" ? null : `${path}: must be a file URL string`;
    case "STRING":
      return typeof v === "string" ? null : `${path}: must be a string`;
    default:
      return `${path}: unsupported data type ${type}`;
  }
}

function checkEnum(enumType: "INT" | "STRING", keys: readonly string[], v: unknown, path: string): string | null {
  const ok = enumType === "INT" ? Number.isInteger(v) && keys.includes(String(v)) : typeof v === "string" && keys.includes(v);
  if (ok) return null;
  const shown = enumType === "INT" ? keys.join(", ") : keys.map((k) => JSON.stringify(k)).join(", ");
  return `${path}: must be one of ${shown}`;
}

function checkArray(itemType: DataType, v: unknown, path: string): string | null {
  if (!Array.isArray(v)) return `${path}: must be an array`;
  for (let i = 0; i < v.length; i++) {
    const problem = checkScalar(itemType, v[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

function isDate(v: unknown): boolean {
  if (typeof v !== "string") return false;
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // a real calendar day: 2019-02-29 and 2019-04-31 are not dates
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
