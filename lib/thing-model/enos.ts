// EnOS ThingModel -> ServiceSpec[]. Models come from the platform (or a pasted seed) and are often
// loose, so nothing here throws: what cannot be understood becomes a `json` param with a warning.
import type { EnumOption, I18nText, ParamSpec, ParamType, ServiceSpec, UnitSpec } from "./types";

type Obj = Record<string, unknown>;

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
/** STRUCT items may not be STRUCTs per the docs; we accept a few levels but stop runaway nesting. */
const MAX_DEPTH = 4;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
/** A number in a definition; hand-written models often quote them ("maxLength": "64"). */
const defNum = (v: unknown): number | undefined => (typeof v === "string" && v.trim() !== "" ? num(Number(v)) : num(v));

const LOCALE_KEYS: [keyof I18nText, string[]][] = [
  ["en-US", ["en_US", "en-US"]],
  ["zh-CN", ["zh_CN", "zh-CN"]],
];

/** StringI18n (or a bare string) -> I18nText; undefined when there is no usable text. */
export function i18nFromEnos(raw: unknown): I18nText | undefined {
  if (typeof raw === "string") return raw ? { default: raw } : undefined;
  if (!isObj(raw)) return undefined;
  const values = isObj(raw.i18nValue) ? raw.i18nValue : {};
  const out: Partial<I18nText> = {};
  for (const [locale, keys] of LOCALE_KEYS) {
    const found = keys.map((k) => str(values[k])).find(Boolean);
    if (found) out[locale] = found;
  }
  const def = str(raw.defaultValue) ?? out["en-US"] ?? out["zh-CN"];
  return def ? { ...out, default: def } : undefined;
}

/** All services of a ThingModel, in model order. */
export function enosServices(model: unknown): ServiceSpec[] {
  if (!isObj(model)) return [];
  const services = model.services;
  const entries: [string, unknown][] = Array.isArray(services)
    ? services.map((s, i) => [String(i), s])
    : isObj(services)
      ? Object.entries(services)
      : [];
  return entries.map(([key, raw]) => enosService(raw, key));
}

export function enosService(raw: unknown, key: string): ServiceSpec {
  const svc = isObj(raw) ? raw : {};
  const identifier = str(svc.identifier) ?? key;
  const warnings: string[] = isObj(raw) ? [] : [`Service “${key}” is not an object in the thing model.`];
  const inputData = svc.inputData ?? svc.intputData; // the docs' table misspells it
  return {
    identifier,
    name: i18nFromEnos(svc.name) ?? { default: identifier },
    description: i18nFromEnos(svc.desc),
    callType: String(svc.callType).toUpperCase() === "ASYNC" ? "async" : "sync",
    inputs: datapoints(inputData, listCtx(warnings, "Input")),
    outputs: datapoints(svc.outputData, listCtx(warnings, "Output")),
    warnings,
  };
}

interface Ctx {
  warnings: string[];
  kind: "Input" | "Output";
  /** dotted path of the enclosing struct, "" at the top */
  prefix: string;
  requiredByDefault: boolean;
  depth: number;
  /** how warnings name the param being read, e.g. Input “config.mode” */
  where: string;
}

function listCtx(warnings: string[], kind: Ctx["kind"]): Ctx {
  return { warnings, kind, prefix: "", requiredByDefault: kind === "Input", depth: 0, where: kind };
}

function datapoints(raw: unknown, ctx: Ctx): ParamSpec[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    ctx.warnings.push(`${ctx.where}: the data list is not a list in the thing model; it was ignored.`);
    return [];
  }
  const params: ParamSpec[] = [];
  for (const item of raw) {
    const param = datapoint(item, ctx);
    if (!param) continue;
    if (params.some((p) => p.identifier === param.identifier)) {
      ctx.warnings.push(`${ctx.where}: “${param.identifier}” is defined twice; the second one was ignored.`);
      continue;
    }
    params.push(param);
  }
  return params;
}

function datapoint(raw: unknown, ctx: Ctx): ParamSpec | undefined {
  const identifier = isObj(raw) ? str(raw.identifier) : undefined;
  if (!isObj(raw) || !identifier) {
    ctx.warnings.push(`${ctx.where}: an entry without an identifier was ignored.`);
    return undefined;
  }
  const required = typeof raw.required === "boolean" ? raw.required : typeof raw.isRequired === "boolean" ? raw.isRequired : ctx.requiredByDefault;
  const base: ParamSpec = {
    identifier,
    name: i18nFromEnos(raw.name) ?? { default: identifier },
    type: "json",
    required,
  };
  const description = i18nFromEnos(raw.desc);
  if (description) base.description = description;
  const unit = unitFromEnos(raw.unit);
  if (unit) base.unit = unit;
  const path = ctx.prefix ? `${ctx.prefix}.${identifier}` : identifier;
  return typed(base, raw, { ...ctx, prefix: path, where: `${ctx.kind} “${path}”` });
}

/** Unit object `{unitId, multiplier}`, or a bare symbol string (seen in STRUCT items). */
export function unitFromEnos(raw: unknown): UnitSpec | undefined {
  if (typeof raw === "string") return raw ? { id: raw } : undefined;
  if (!isObj(raw)) return undefined;
  const id = str(raw.unitId) ?? str(raw.id);
  if (!id) return undefined;
  const unit: UnitSpec = { id };
  const multiplier = str(raw.multiplier);
  if (multiplier && multiplier.toUpperCase() !== "ONE") unit.multiplier = multiplier.toUpperCase();
  const name = i18nFromEnos(raw.name);
  if (name) unit.name = name;
  return unit;
}

type Definition = { ok: true; def: Obj } | { ok: false; reason: string };

/** dataDefinition is documented as a JSON string; samples also show objects or nothing. */
function readDefinition(raw: unknown): Definition {
  if (raw === undefined || raw === null || raw === "") return { ok: true, def: {} };
  if (isObj(raw)) return { ok: true, def: raw };
  if (typeof raw !== "string") return { ok: false, reason: "dataDefinition is neither an object nor a JSON string" };
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed === null) return { ok: true, def: {} };
    if (isObj(parsed)) return { ok: true, def: parsed };
  } catch {
    // fall through
  }
  return { ok: false, reason: "dataDefinition is not valid JSON" };
}

function degrade(base: ParamSpec, reason: string, ctx: Ctx): ParamSpec {
  ctx.warnings.push(`${ctx.where}: ${reason}; it is handled as raw JSON.`);
  return { ...base, type: "json", warning: reason };
}

type Handler = (base: ParamSpec, def: Definition, ctx: Ctx) => ParamSpec;

function typed(base: ParamSpec, raw: Obj, ctx: Ctx): ParamSpec {
  const dataType = str(raw.dataType)?.toUpperCase();
  if (!dataType) return degrade(base, "no dataType", ctx);
  const handler = HANDLERS[dataType];
  if (!handler) return degrade(base, `unknown data type “${String(raw.dataType)}”`, ctx);
  return handler(base, readDefinition(raw.dataDefinition), ctx);
}

/** Types whose definition only refines the form: an unreadable one is noted, not fatal. */
function lenient(type: ParamType, refine: (p: ParamSpec, def: Obj) => ParamSpec = (p) => p): Handler {
  return (base, def, ctx) => {
    const p = { ...base, type };
    if (def.ok) return refine(p, def.def);
    ctx.warnings.push(`${ctx.where}: ${def.reason}; it was ignored.`);
    return refine(p, {});
  };
}

/** Types whose definition says what values are allowed: without it we cannot build a form. */
function strict(build: (p: ParamSpec, def: Obj, ctx: Ctx) => ParamSpec | string): Handler {
  return (base, def, ctx) => {
    if (!def.ok) return degrade(base, def.reason, ctx);
    const result = build(base, def.def, ctx);
    return typeof result === "string" ? degrade(base, result, ctx) : result;
  };
}

const HANDLERS: Record<string, Handler> = {
  INT: lenient("int", (p, def) => numberBounds(p, def, INT32_MIN, INT32_MAX)),
  FLOAT: lenient("float", (p, def) => numberBounds(p, def)),
  DOUBLE: lenient("double", (p, def) => numberBounds(p, def)),
  STRING: lenient("string", stringDef),
  BOOL: lenient("bool", boolDef),
  DATE: lenient("date"),
  TIMESTAMP: lenient("timestamp"),
  FILE: lenient("file"),
  ENUM: strict(enumDef),
  STRUCT: strict(structDef),
  ARRAY: strict(arrayDef),
};

// Bounds are not part of the documented definitions; honour them if a model carries them anyway.
function numberBounds(p: ParamSpec, def: Obj, lo?: number, hi?: number): ParamSpec {
  const min = defNum(def.min);
  const max = defNum(def.max);
  const out = { ...p };
  if (lo !== undefined || min !== undefined) out.min = Math.max(min ?? -Infinity, lo ?? -Infinity);
  if (hi !== undefined || max !== undefined) out.max = Math.min(max ?? Infinity, hi ?? Infinity);
  const step = defNum(def.step);
  if (step !== undefined && step > 0) out.step = step;
  return withDefault(out, def.defaultValue);
}

function stringDef(p: ParamSpec, def: Obj): ParamSpec {
  const maxLength = defNum(def.maxLength);
  const out = maxLength !== undefined && Number.isInteger(maxLength) && maxLength >= 0 ? { ...p, maxLength } : p;
  return withDefault(out, def.defaultValue);
}

function boolDef(p: ParamSpec, def: Obj): ParamSpec {
  const desc = isObj(def.boolDesc) ? def.boolDesc : {};
  const yes = i18nFromEnos(desc.true);
  const no = i18nFromEnos(desc.false);
  const out = yes || no ? { ...p, boolLabels: { true: yes ?? { default: "true" }, false: no ?? { default: "false" } } } : p;
  return withDefault(out, def.defaultValue);
}

function enumDef(p: ParamSpec, def: Obj): ParamSpec | string {
  if (!isObj(def.enumDesc) || Object.keys(def.enumDesc).length === 0) return "enum without values (enumDesc)";
  const keys = Object.keys(def.enumDesc);
  const declared = str(def.enumType)?.toUpperCase();
  if (declared && declared !== "INT" && declared !== "STRING") return `unknown enumType “${declared}”`;
  // enumDesc keys are strings even for INT enums; without enumType, all-integer keys suggest INT
  const valueType = declared ? (declared === "INT" ? "int" : "string") : keys.every(isInt32Text) ? "int" : "string";
  if (valueType === "int" && !keys.every(isInt32Text)) return "INT enum with values that are not 32-bit integers";
  const desc = def.enumDesc;
  const enumOptions: EnumOption[] = keys.map((key) => ({
    value: valueType === "int" ? Number(key) : key,
    label: i18nFromEnos(desc[key]) ?? { default: key },
  }));
  return withDefault({ ...p, type: "enum", enumOptions, enumValueType: valueType }, def.defaultValue);
}

function isInt32Text(s: string): boolean {
  if (!/^-?\d+$/.test(s.trim())) return false;
  const n = Number(s);
  return n >= INT32_MIN && n <= INT32_MAX;
}

function structDef(p: ParamSpec, def: Obj, ctx: Ctx): ParamSpec | string {
  if (!Array.isArray(def.items)) return "struct without a member list (items)";
  if (ctx.depth >= MAX_DEPTH) return "structs nested too deeply";
  const members = datapoints(def.items, { ...ctx, requiredByDefault: false, depth: ctx.depth + 1 });
  return { ...p, type: "struct", members };
}

const ARRAY_ITEM_TYPES: Record<string, ParamType> = {
  INT: "int",
  FLOAT: "float",
  DOUBLE: "double",
  STRING: "string",
  BOOL: "bool",
  DATE: "date",
  TIMESTAMP: "timestamp",
  FILE: "file",
};

function arrayDef(p: ParamSpec, def: Obj): ParamSpec | string {
  const itemType = str(def.itemType)?.toUpperCase();
  const type = itemType ? ARRAY_ITEM_TYPES[itemType] : undefined;
  if (!type) return itemType ? `unsupported array item type “${itemType}”` : "array without itemType";
  const items: ParamSpec = { identifier: "", name: { default: "Item" }, type, required: true };
  if (type === "int") Object.assign(items, { min: INT32_MIN, max: INT32_MAX });
  return { ...p, type: "array", items };
}

/** Keeps a definition's defaultValue only when it is a valid value of the param. */
function withDefault(p: ParamSpec, value: unknown): ParamSpec {
  if (value === undefined || value === null) return p;
  const coerced = coerceDefault(p, value);
  return isScalarValue(p, coerced) ? { ...p, default: coerced } : p;
}

// Definitions are JSON strings written by hand: "true" and "1" are meant as values, not text.
function coerceDefault(p: ParamSpec, value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (p.type === "bool") return value === "true" ? true : value === "false" ? false : value;
  const numeric = p.type === "int" || p.type === "float" || p.type === "double" || (p.type === "enum" && p.enumValueType === "int");
  return numeric && value.trim() !== "" ? Number(value) : value;
}

function isScalarValue(p: ParamSpec, v: unknown): boolean {
  switch (p.type) {
    case "int":
    case "timestamp":
      return Number.isInteger(v) && (p.min === undefined || (v as number) >= p.min) && (p.max === undefined || (v as number) <= p.max);
    case "float":
    case "double":
      return num(v) !== undefined;
    case "string":
      return typeof v === "string" && (p.maxLength === undefined || v.length <= p.maxLength);
    case "bool":
      return typeof v === "boolean";
    case "enum":
      return (p.enumOptions ?? []).some((o) => o.value === v);
    default:
      return false;
  }
}
