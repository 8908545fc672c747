// Alink JSON as a simulated Alibaba device writes it. Built as text, so float/double outputs keep
// their decimal point (`10.0`) the way a device SDK sends them.
import { checkValue } from "./args-check";
import type { RawValue } from "./raw-json";
import type { TslParam } from "./tsl";

/** JSON text of a parsed raw value, numbers exactly as they were written. */
export function rawToText(v: RawValue): string {
  switch (v.kind) {
    case "number":
      return v.raw;
    case "string":
      return JSON.stringify(v.value);
    case "bool":
      return String(v.value);
    case "null":
      return "null";
    case "array":
      return `[${v.items.map(rawToText).join(",")}]`;
    case "object":
      return `{${[...v.members].map(([k, m]) => `${JSON.stringify(k)}:${rawToText(m)}`).join(",")}}`;
  }
}

/** `data` of a reply: each output echoes the same-named input when valid for it, else a default. */
export function replyDataText(outputs: readonly TslParam[], params: Map<string, RawValue>): string {
  const members = outputs.map((spec) => {
    const echoed = params.get(spec.id);
    const value = echoed && checkValue(spec, echoed, spec.id) === null ? rawToText(echoed) : defaultText(spec);
    return `${JSON.stringify(spec.id)}:${value}`;
  });
  return `{${members.join(",")}}`;
}

/** A valid value for a TSL param, as JSON text. */
export function defaultText(spec: TslParam): string {
  switch (spec.type) {
    case "int":
      return String(inRange(spec, 0));
    case "float":
    case "double":
      return withDecimalPoint(inRange(spec, 0));
    case "text":
      return '""';
    case "date":
      return '"0"';
    case "bool":
    case "enum":
      return spec.keys?.[0] ?? "0";
    case "struct":
      return `{${(spec.members ?? []).map((m) => `${JSON.stringify(m.id)}:${defaultText(m)}`).join(",")}}`;
    case "array":
      return "[]";
  }
}

/** 10 -> "10.0", 1e21 -> "1.0e+21": a float literal always carries a point. */
export function withDecimalPoint(n: number): string {
  const s = String(n);
  if (s.includes(".")) return s;
  const e = s.indexOf("e");
  return e === -1 ? `${s}.0` : `${s.slice(0, e)}.0${s.slice(e)}`;
}

function inRange(spec: TslParam, n: number): number {
  if (spec.min !== undefined && n < spec.min) return spec.min;
  if (spec.max !== undefined && n > spec.max) return spec.max;
  return n;
}

/** A device reply `{id, code, data, message}` as text; `dataText` is JSON text or "null". */
export function replyText(id: string, code: number, dataText: string, message: string): string {
  return `{"id":${JSON.stringify(id)},"code":${code},"data":${dataText},"message":${JSON.stringify(message)},"version":"1.0"}`;
}
