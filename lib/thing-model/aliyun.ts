// Alibaba Cloud IoT TSL (the `TslStr` of GetThingModelTsl[Published]) -> ServiceSpec[].
// TSL spec values are strings ("min": "0"); a malformed part never throws: it becomes a `json`
// param with a warning, so one odd datapoint does not hide a device's other services.
import type { EnumOption, I18nText, ParamSpec, ServiceSpec, UnitSpec } from "./types";

type Obj = Record<string, unknown>;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
/** TSL struct members may not be structs; a little slack, but no runaway nesting. */
const MAX_DEPTH = 3;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);

/** A spec number: TSL writes them as strings, hand-made models sometimes as numbers. */
function specNumber(v: unknown): number | undefined | "bad" {
  if (v === undefined || v === null || v === "") return undefined;
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : "bad";
}

/** The module a TSL document describes: undefined for the default module. */
export function tslModuleId(tsl: unknown): string | undefined {
  return isObj(tsl) ? str(tsl.functionBlockId) : undefined;
}

/**
 * All services of one TSL document, in document order. Services of a custom module (the TSL has a
 * `functionBlockId`) get identifiers `module:service`, the form InvokeThingService expects.
 */
export function aliyunServices(tsl: unknown): ServiceSpec[] {
  if (!isObj(tsl) || !Array.isArray(tsl.services)) return [];
  const moduleId = tslModuleId(tsl);
  return tsl.services.flatMap((raw, i) => {
    const spec = aliyunService(raw, i);
    if (!spec) return [];
    return [moduleId ? { ...spec, identifier: `${moduleId}:${spec.identifier}` } : spec];
  });
}

/** One TSL service; undefined when it has no identifier (it could not be invoked anyway). */
export function aliyunService(raw: unknown, index: number): ServiceSpec | undefined {
  if (!isObj(raw)) return undefined;
  const identifier = str(raw.identifier);
  if (!identifier) return undefined;
  const warnings: string[] = [];
  const callType = str(raw.callType)?.toLowerCase();
  if (callType !== "sync" && callType !== "async") {
    warnings.push(`Service “${identifier}” (#${index + 1}) has no valid callType; it is treated as async.`);
  }
  const spec: ServiceSpec = {
    identifier,
    name: text(raw.name) ?? { default: identifier },
    callType: callType === "sync" ? "sync" : "async",
    inputs: params(raw.inputData, listCtx(warnings, "Input")),
    outputs: params(raw.outputData, listCtx(warnings, "Output")),
    warnings,
  };
  const description = text(raw.desc);
  if (description) spec.description = description;
  return spec;
}

function text(v: unknown): I18nText | undefined {
  const s = str(v);
  return s ? { default: s } : undefined;
}

interface Ctx {
  warnings: string[];
  kind: "Input" | "Output";
  /** dotted path of the enclosing struct, "" at the top */
  prefix: string;
  depth: number;
  /** how warnings name the param being read, e.g. Input “zone.x” */
  where: string;
}

function listCtx(warnings: string[], kind: Ctx["kind"]): Ctx {
  return { warnings, kind, prefix: "", depth: 0, where: kind };
}

function params(raw: unknown, ctx: Ctx): ParamSpec[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    ctx.warnings.push(`${ctx.where}: the data list is not a list in the TSL; it was ignored.`);
    return [];
  }
  const out: ParamSpec[] = [];
  for (const item of raw) {
    // The generated `get` service lists property identifiers (strings), not params: nothing to enter.
    if (typeof item === "string") continue;
    const p = param(item, ctx);
    if (!p) continue;
    if (out.some((o) => o.identifier === p.identifier)) {
      ctx.warnings.push(`${ctx.where}: “${p.identifier}” is defined twice; the second one was ignored.`);
      continue;
    }
    out.push(p);
  }
  return out;
}

function param(raw: unknown, ctx: Ctx): ParamSpec | undefined {
  const identifier = isObj(raw) ? str(raw.identifier) : undefined;
  if (!isObj(raw) || !identifier) {
    ctx.warnings.push(`${ctx.where}: an entry without an identifier was ignored.`);
    return undefined;
  }
  // TSL has no required flag: a service's inputs (and their struct members) are all expected.
  const base: ParamSpec = { identifier, name: text(raw.name) ?? { default: identifier }, type: "json", required: ctx.kind === "Input" };
  const path = ctx.prefix ? `${ctx.prefix}.${identifier}` : identifier;
  return dataType(base, raw.dataType, { ...ctx, prefix: path, where: `${ctx.kind} “${path}”` });
}

function degrade(base: ParamSpec, reason: string, ctx: Ctx): ParamSpec {
  ctx.warnings.push(`${ctx.where}: ${reason}; it is handled as raw JSON.`);
  return { ...base, type: "json", warning: reason };
}

type Handler = (base: ParamSpec, specs: unknown, ctx: Ctx) => ParamSpec;

/** `{type, specs}` -> the typed param. */
function dataType(base: ParamSpec, raw: unknown, ctx: Ctx): ParamSpec {
  const type = isObj(raw) ? str(raw.type)?.toLowerCase() : undefined;
  if (!isObj(raw) || !type) return degrade(base, "no dataType.type", ctx);
  const handler = Object.hasOwn(HANDLERS, type) ? HANDLERS[type] : undefined;
  if (!handler) return degrade(base, `unknown data type “${String(raw.type)}”`, ctx);
  return handler(base, raw.specs, ctx);
}

const HANDLERS: Record<string, Handler> = {
  int: (p, specs, ctx) => numeric({ ...p, type: "int" }, specs, ctx, [INT32_MIN, INT32_MAX]),
  float: (p, specs, ctx) => numeric({ ...p, type: "float" }, specs, ctx),
  double: (p, specs, ctx) => numeric({ ...p, type: "double" }, specs, ctx),
  text: textParam,
  // TSL dates travel as epoch-ms strings: entering milliseconds keeps the time of day, which a
  // calendar-date field would drop. The wire encoder turns the number into the string.
  date: (p) => ({ ...p, type: "timestamp" }),
  bool: boolParam,
  enum: enumParam,
  struct: structParam,
  array: arrayParam,
};

function numeric(p: ParamSpec, specs: unknown, ctx: Ctx, limits?: [number, number]): ParamSpec {
  const s = isObj(specs) ? specs : {};
  const out: ParamSpec = { ...p };
  const [lo, hi] = limits ?? [undefined, undefined];
  const min = checkedNumber(s.min, "min", ctx);
  const max = checkedNumber(s.max, "max", ctx);
  if (min !== undefined || lo !== undefined) out.min = Math.max(min ?? -Infinity, lo ?? -Infinity);
  if (max !== undefined || hi !== undefined) out.max = Math.min(max ?? Infinity, hi ?? Infinity);
  if (out.min !== undefined && out.max !== undefined && out.min > out.max) {
    ctx.warnings.push(`${ctx.where}: min ${out.min} is above max ${out.max}; both were ignored.`);
    delete out.min;
    delete out.max;
  }
  const step = checkedNumber(s.step, "step", ctx);
  if (step !== undefined && step > 0) out.step = step;
  const unit = unitOf(s);
  if (unit) out.unit = unit;
  return out;
}

function checkedNumber(v: unknown, field: string, ctx: Ctx): number | undefined {
  const n = specNumber(v);
  if (n !== "bad") return n;
  ctx.warnings.push(`${ctx.where}: ${field} “${String(v)}” is not a number; it was ignored.`);
  return undefined;
}

/** `unit` is the symbol ("%"), `unitName` its name ("百分比"); "null"/"无" mean none. */
function unitOf(specs: Obj): UnitSpec | undefined {
  const id = str(specs.unit);
  if (!id || id === "null") return undefined;
  const unit: UnitSpec = { id };
  const name = str(specs.unitName);
  if (name && name !== "null" && name !== "无") unit.name = { default: name };
  return unit;
}

function textParam(p: ParamSpec, specs: unknown, ctx: Ctx): ParamSpec {
  const out: ParamSpec = { ...p, type: "string" };
  const length = isObj(specs) ? checkedNumber(specs.length, "length", ctx) : undefined;
  if (length !== undefined && Number.isInteger(length) && length >= 0) out.maxLength = length;
  return out;
}

/** `{"0": "off", "1": "on"}`: the form edits true/false, the wire carries 0/1. */
function boolParam(p: ParamSpec, specs: unknown): ParamSpec {
  const s = isObj(specs) ? specs : {};
  const no = text(s["0"]);
  const yes = text(s["1"]);
  if (!no && !yes) return { ...p, type: "bool" };
  return { ...p, type: "bool", boolLabels: { true: yes ?? { default: "1" }, false: no ?? { default: "0" } } };
}

function enumParam(p: ParamSpec, specs: unknown, ctx: Ctx): ParamSpec {
  if (!isObj(specs) || Object.keys(specs).length === 0) return degrade(p, "enum without values (specs)", ctx);
  const keys = Object.keys(specs);
  if (!keys.every(isInt32Text)) return degrade(p, "enum with values that are not 32-bit integers", ctx);
  const enumOptions: EnumOption[] = keys.map((key) => ({ value: Number(key), label: text(specs[key]) ?? { default: key } }));
  return { ...p, type: "enum", enumValueType: "int", enumOptions };
}

function isInt32Text(s: string): boolean {
  if (!/^-?\d+$/.test(s)) return false;
  const n = Number(s);
  return n >= INT32_MIN && n <= INT32_MAX;
}

/** struct specs are an array of `{identifier, name, dataType}`. */
function structParam(p: ParamSpec, specs: unknown, ctx: Ctx): ParamSpec {
  if (!Array.isArray(specs)) return degrade(p, "struct without a member list (specs)", ctx);
  if (ctx.depth >= MAX_DEPTH) return degrade(p, "structs nested too deeply", ctx);
  const members = params(specs, { ...ctx, depth: ctx.depth + 1 });
  return { ...p, type: "struct", members };
}

const ARRAY_ITEM_TYPES: readonly string[] = ["int", "float", "double", "text", "struct"];

/** `{size, item: {type, specs?}}`; items may be int, float, double, text or struct. */
function arrayParam(p: ParamSpec, specs: unknown, ctx: Ctx): ParamSpec {
  const s = isObj(specs) ? specs : {};
  const item = isObj(s.item) ? s.item : undefined;
  const itemType = item ? str(item.type)?.toLowerCase() : undefined;
  if (!item || !itemType) return degrade(p, "array without an item type (specs.item.type)", ctx);
  if (!ARRAY_ITEM_TYPES.includes(itemType)) return degrade(p, `unsupported array item type “${itemType}”`, ctx);
  const itemBase: ParamSpec = { identifier: "", name: { default: "Item" }, type: "json", required: true };
  const items = dataType(itemBase, item, { ...ctx, where: `${ctx.where} item` });
  if (items.type === "json") return degrade(p, "its item type could not be read", ctx);
  const out: ParamSpec = { ...p, type: "array", items };
  const size = checkedNumber(s.size, "size", ctx);
  if (size !== undefined && Number.isInteger(size) && size >= 0) out.maxItems = size;
  return out;
}
