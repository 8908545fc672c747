// Wire encoding: validated input (shaped by a ServiceSpec) -> the values a platform expects.
// Every platform encoder walks the same params with `encodeParams`; only the scalar rule differs.
//
// Alibaba's float/double values must carry a decimal point (`10.0`), which no JS number keeps
// through JSON.stringify. So its encoder returns the JSON *text*: it walks with `encodeParams`,
// wraps float/double scalars in a marker, and prints those markers with a decimal point.
import type { ParamSpec, ServiceSpec } from "./types";

/** Encodes one non-container value (struct members and array items are walked for it). */
export type ScalarEncoder = (param: ParamSpec, value: unknown) => unknown;

export function encodeParams(
  params: readonly ParamSpec[],
  value: Record<string, unknown>,
  encode: ScalarEncoder,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const param of params) {
    if (!Object.hasOwn(value, param.identifier)) continue;
    const v = value[param.identifier];
    if (v !== undefined) out[param.identifier] = encodeValue(param, v, encode);
  }
  return out;
}

function encodeValue(param: ParamSpec, value: unknown, encode: ScalarEncoder): unknown {
  if (param.type === "struct" && param.members && isRecord(value)) {
    return encodeParams(param.members, value, encode);
  }
  if (param.type === "array" && param.items && Array.isArray(value)) {
    const items = param.items;
    return value.map((v: unknown) => encodeValue(items, v, encode));
  }
  return encode(param, value);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// EnOS takes plain JSON values: DATE as "YYYY-MM-DD", TIMESTAMP as epoch ms, INT enums as numbers.
const enosScalar: ScalarEncoder = (param, value) => {
  if (param.type === "timestamp" && value instanceof Date) return value.getTime();
  if (param.type === "date" && value instanceof Date) return value.toISOString().slice(0, 10);
  if (param.type === "enum" && param.enumValueType === "int" && typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isInteger(n) ? n : value;
  }
  return value;
};

/** The `inputData` object of an EnOS invokeService call. */
export function toEnosWire(spec: ServiceSpec, value: Record<string, unknown>): Record<string, unknown> {
  return encodeParams(spec.inputs, value, enosScalar);
}

// ---- Alibaba (InvokeThingService `Args`) --------------------------------------------------------

/** A float/double on its way to the Alibaba wire: printed with a decimal point. */
class DecimalNumber {
  constructor(readonly value: number) {}
}

// Alibaba TSL: bool and enum travel as integers, date as a string of epoch milliseconds.
const aliyunScalar: ScalarEncoder = (param, value) => {
  switch (param.type) {
    case "float":
    case "double":
      return typeof value === "number" ? new DecimalNumber(value) : value;
    case "bool":
      return typeof value === "boolean" ? (value ? 1 : 0) : value;
    case "timestamp":
    case "date":
      return epochMsText(value);
    case "enum":
      return typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    default:
      return value;
  }
};

function epochMsText(value: unknown): unknown {
  if (value instanceof Date) return String(value.getTime());
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  // a calendar date from a form ("2024-05-06") means that day at 00:00 UTC
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(ms) ? value : String(ms);
  }
  return value;
}

/** The `Args` JSON text of an InvokeThingService call; float/double values keep a decimal point. */
export function toAliyunArgs(spec: ServiceSpec, value: Record<string, unknown>): string {
  return stringifyWithDecimals(encodeParams(spec.inputs, value, aliyunScalar));
}

/** JSON.stringify, except that DecimalNumber markers print as `10.0` / `1.5` / `1.0e+21`. */
export function stringifyWithDecimals(value: unknown): string {
  if (value instanceof DecimalNumber) return decimalText(value.value);
  if (Array.isArray(value)) return `[${value.map((v: unknown) => stringifyWithDecimals(v ?? null)).join(",")}]`;
  if (isRecord(value)) {
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${stringifyWithDecimals(v)}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function decimalText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`${n} cannot be sent as a JSON number`);
  const s = String(n);
  if (s.includes(".")) return s;
  // 1e+21 / 1e-7: the point goes before the exponent
  const e = s.indexOf("e");
  return e === -1 ? `${s}.0` : `${s.slice(0, e)}.0${s.slice(e)}`;
}
