// A device's reply laid out against the service's output params: each value as text (enum and
// bool labels, timestamps with their UTC time) and one row per value, struct members and array
// items indented below their parent. Keys the model does not declare are listed too, so nothing
// the device said is hidden. Pure: the output table and the round-trip tests share it.
import { unitLabel } from "./json-schema";
import { text, type Locale, type ParamSpec } from "./types";

/**
 * One output value as text, by its param: enum and bool labels, timestamps with their UTC time.
 * Platforms differ in spelling (Alibaba sends bools as 0/1 and dates as strings of digits), so each
 * spelling is recognised; a value that fits no rule is shown as JSON.
 */
export function formatValue(value: unknown, param: ParamSpec | undefined, locale: Locale): string {
  if (value === null || value === undefined) return "—";
  if (param?.type === "enum" && param.enumOptions) {
    const option = param.enumOptions.find((o) => String(o.value) === String(value));
    if (option) return `${String(value)} (${text(option.label, locale)})`;
  }
  if (param?.type === "bool") {
    const truthy = value === true || value === 1 || value === "true" || value === "1";
    const falsy = value === false || value === 0 || value === "false" || value === "0";
    if (param.boolLabels && (truthy || falsy)) return `${String(value)} (${text(truthy ? param.boolLabels.true : param.boolLabels.false, locale)})`;
  }
  if (param?.type === "timestamp") {
    const ms = epochMs(value);
    if (ms !== undefined) return `${String(value)} (${utcText(ms)})`;
  }
  // an empty or blank string would look like a missing value
  if (typeof value === "object" || (typeof value === "string" && value.trim() === "")) return JSON.stringify(value);
  return String(value);
}

export interface OutputRow {
  /** value path, e.g. "config.setpoints" or "pairs.1.k" */
  path: string;
  /** identifier or index shown in the row */
  key: string;
  label: string;
  value: string;
  unit: string;
  depth: number;
  /** a struct or a list of structs: its members follow as rows of their own */
  group: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function outputRows(output: unknown, params: readonly ParamSpec[], locale: Locale): OutputRow[] {
  return membersRows(isRecord(output) ? output : {}, params, locale, "", 0);
}

function membersRows(record: Record<string, unknown>, params: readonly ParamSpec[], locale: Locale, prefix: string, depth: number): OutputRow[] {
  const rows = params.flatMap((p) => paramRows(record[p.identifier], p, locale, `${prefix}${p.identifier}`, depth));
  const extra = Object.keys(record).filter((k) => !params.some((p) => p.identifier === k));
  return [...rows, ...extra.map((k) => valueRow(`${prefix}${k}`, k, "", formatValue(record[k], undefined, locale), "", depth))];
}

function paramRows(value: unknown, p: ParamSpec, locale: Locale, path: string, depth: number): OutputRow[] {
  const label = text(p.name, locale);
  const key = p.identifier;
  if (p.type === "struct" && isRecord(value)) {
    return [{ ...valueRow(path, key, label, "", "", depth), group: true }, ...membersRows(value, p.members ?? [], locale, `${path}.`, depth + 1)];
  }
  if (p.type === "array" && Array.isArray(value) && p.items) {
    return arrayRows(value, { ...p.items, unit: p.items.unit ?? p.unit }, locale, { path, key, label, depth });
  }
  return [valueRow(path, key, label, formatValue(value, p, locale), unitOf(p), depth)];
}

/** Scalars on one row ("1.5, 2.25 °C"); structs one group per item. */
function arrayRows(values: unknown[], items: ParamSpec, locale: Locale, at: { path: string; key: string; label: string; depth: number }): OutputRow[] {
  const { path, key, label, depth } = at;
  const count = `${values.length} item${values.length === 1 ? "" : "s"}`;
  if (items.type !== "struct") {
    const shown = values.length === 0 ? "[] (no items)" : values.map((v) => formatValue(v, items, locale)).join(", ");
    return [valueRow(path, key, label, shown, unitOf(items), depth)];
  }
  const rows: OutputRow[] = [{ ...valueRow(path, key, label, count, "", depth), group: true }];
  values.forEach((v, i) => rows.push(...paramRows(v, { ...items, identifier: String(i), name: { default: `#${i + 1}` } }, locale, `${path}.${i}`, depth + 1)));
  return rows;
}

function valueRow(path: string, key: string, label: string, value: string, unit: string, depth: number): OutputRow {
  return { path, key, label, value, unit, depth, group: false };
}

function unitOf(p: ParamSpec): string {
  return p.unit ? unitLabel(p.unit) : "";
}

/** An epoch-ms value as the platforms send it back: a number, or (Alibaba date) a string of digits. */
export function epochMs(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d{1,16}$/.test(value)) return Number(value);
  return undefined;
}

/** "2023-11-14 22:13:20.000 UTC": the same on the server and in every browser. */
export function utcText(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : `${d.toISOString().replace("T", " ").replace("Z", "")} UTC`;
}
