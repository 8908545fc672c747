// Checks InvokeThingService `Args` against the service's TSL inputs, on the raw JSON text: a
// float/double literal must contain a decimal point (aliyun.md §4.2). The first problem comes back
// as "Args.<path>: <reason>", for iot.device.InvokeThingServiceFailed.
import type { RawValue } from "./raw-json";
import type { TslParam } from "./tsl";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
/** The TSL's own ceiling for text when a model gives no length. */
const MAX_TEXT = 10_240;

export function checkArgs(inputs: readonly TslParam[], args: RawValue): string | null {
  if (args.kind !== "object") return "Args: must be a JSON object";
  return checkMembers(inputs, args.members, "Args", "input parameter");
}

function checkMembers(specs: readonly TslParam[], members: Map<string, RawValue>, path: string, noun: string): string | null {
  const byId = new Map(specs.map((s) => [s.id, s]));
  for (const [key, value] of members) {
    const spec = byId.get(key);
    if (!spec) return `${path}.${key}: not a defined ${noun}`;
    const problem = checkValue(spec, value, `${path}.${key}`);
    if (problem) return problem;
  }
  return null;
}

export function checkValue(spec: TslParam, v: RawValue, path: string): string | null {
  switch (spec.type) {
    case "int":
      return checkInt(spec, v, path);
    case "float":
    case "double":
      return checkDecimal(spec, v, path);
    case "text":
      return checkText(spec, v, path);
    case "date":
      return v.kind === "string" && /^\d{1,19}$/.test(v.value) ? null : `${path}: date must be a string of UTC epoch milliseconds, e.g. "1536228947682"`;
    case "bool":
    case "enum":
      return checkKey(spec, v, path);
    case "struct":
      if (v.kind !== "object") return `${path}: struct must be a JSON object`;
      return checkMembers(spec.members ?? [], v.members, path, "struct member");
    case "array":
      return checkArray(spec, v, path);
  }
}

function range(spec: TslParam, n: number, path: string): string | null {
  if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
    return `${path}: ${n} is outside ${spec.min ?? "-∞"}..${spec.max ?? "∞"}`;
  }
  return null;
}

function checkInt(spec: TslParam, v: RawValue, path: string): string | null {
  if (v.kind !== "number" || !/^-?\d+$/.test(v.raw)) return `${path}: int must be an integer number`;
  if (v.value < INT32_MIN || v.value > INT32_MAX) return `${path}: int must fit in 32 bits`;
  return range(spec, v.value, path);
}

function checkDecimal(spec: TslParam, v: RawValue, path: string): string | null {
  if (v.kind !== "number") return `${path}: ${spec.type} must be a number`;
  if (!v.raw.includes(".")) return `${path}: ${spec.type} must be written with a decimal point (${v.raw}.0, not ${v.raw})`;
  return range(spec, v.value, path);
}

function checkText(spec: TslParam, v: RawValue, path: string): string | null {
  if (v.kind !== "string") return `${path}: text must be a string`;
  const max = spec.length ?? MAX_TEXT;
  return [...v.value].length > max ? `${path}: text is longer than ${max} characters` : null;
}

function checkKey(spec: TslParam, v: RawValue, path: string): string | null {
  const keys = spec.keys ?? [];
  if (v.kind === "number" && /^-?\d+$/.test(v.raw) && keys.includes(String(v.value))) return null;
  return `${path}: ${spec.type} must be one of ${keys.join(", ")} (an integer)`;
}

function checkArray(spec: TslParam, v: RawValue, path: string): string | null {
  if (v.kind !== "array") return `${path}: array must be a JSON array`;
  if (spec.size !== undefined && v.items.length > spec.size) return `${path}: array has ${v.items.length} items, at most ${spec.size} allowed`;
  if (!spec.item) return null;
  for (let i = 0; i < v.items.length; i++) {
    const item = v.items[i];
    const problem = item ? checkValue(spec.item, item, `${path}[${i}]`) : null;
    if (problem) return problem;
  }
  return null;
}
