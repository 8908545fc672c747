// Alibaba TSL documents from the seed, compiled once at start into what the emulator checks Args
// against and answers from. A malformed TSL fails the start, naming its path.
//
// Seed shape (per product): `tsl` is the default module's TSL, unchanged; custom modules go in
// `modules: [{functionBlockId, functionBlockName, tsl}]`, each `tsl` a module TSL as the console
// exports it (its own `functionBlockId` at the top).

export type TslType = "int" | "float" | "double" | "text" | "date" | "bool" | "enum" | "struct" | "array";
const TSL_TYPES: readonly string[] = ["int", "float", "double", "text", "date", "bool", "enum", "struct", "array"];
const ARRAY_ITEM_TYPES: readonly string[] = ["int", "float", "double", "text", "struct"];

export interface TslParam {
  id: string;
  name: string;
  type: TslType;
  min?: number;
  max?: number;
  /** text: maximum length */
  length?: number;
  /** enum / bool: the allowed keys ("0", "1", ...) */
  keys?: string[];
  members?: TslParam[];
  /** array: maximum number of items, and the item type */
  size?: number;
  item?: TslParam;
  /** the raw TSL dataType, for the storage form (ThingModelJson) */
  raw: Record<string, unknown>;
}

export interface TslService {
  /** as InvokeThingService takes it: `svc`, or `module:svc` for a custom module */
  identifier: string;
  /** the identifier inside its module */
  localId: string;
  moduleId: string | null;
  name: string;
  callType: "sync" | "async";
  /** `thing.service.{id}` */
  method: string;
  /** topic tail after `/sys/{pk}/{dn}/thing/service/` */
  topicSuffix: string;
  inputs: TslParam[];
  outputs: TslParam[];
}

export interface TslModule {
  /** null for the default module */
  id: string | null;
  name: string;
  tsl: Record<string, unknown>;
}

export class TslError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Modules of a seed product: the default one first, then the custom ones. */
export function productModules(product: Obj, where: string): TslModule[] {
  if (!isObj(product.tsl)) throw new TslError(`${where}.tsl: must be a TSL object`);
  const modules: TslModule[] = [{ id: null, name: "默认模块", tsl: product.tsl }];
  const extra = product.modules ?? [];
  if (!Array.isArray(extra)) throw new TslError(`${where}.modules: must be a list of {functionBlockId, functionBlockName, tsl}`);
  extra.forEach((m: unknown, i) => {
    const at = `${where}.modules[${i}]`;
    if (!isObj(m) || typeof m.functionBlockId !== "string" || !/^[A-Za-z0-9_]{1,30}$/.test(m.functionBlockId)) {
      throw new TslError(`${at}.functionBlockId: must be 1-30 letters, digits or _`);
    }
    if (!isObj(m.tsl)) throw new TslError(`${at}.tsl: must be a TSL object`);
    if (m.tsl.functionBlockId !== undefined && m.tsl.functionBlockId !== m.functionBlockId) {
      throw new TslError(`${at}.tsl.functionBlockId: must equal the module's functionBlockId ${m.functionBlockId}`);
    }
    if (modules.some((x) => x.id === m.functionBlockId)) throw new TslError(`${at}.functionBlockId: duplicate module ${m.functionBlockId}`);
    const name = typeof m.functionBlockName === "string" ? m.functionBlockName : m.functionBlockId;
    modules.push({ id: m.functionBlockId, name, tsl: { ...m.tsl, functionBlockId: m.functionBlockId } });
  });
  return modules;
}

/** Every service of every module, by the identifier InvokeThingService takes. */
export function compileServices(modules: readonly TslModule[], where: string): Map<string, TslService> {
  const out = new Map<string, TslService>();
  for (const m of modules) {
    const at = m.id === null ? `${where}.tsl` : `${where}.modules[${m.id}].tsl`;
    const services = m.tsl.services ?? [];
    if (!Array.isArray(services)) throw new TslError(`${at}.services: must be a list`);
    services.forEach((raw: unknown, i) => {
      const svc = compileService(raw, m.id, `${at}.services[${i}]`);
      if (out.has(svc.identifier)) throw new TslError(`${at}.services[${i}].identifier: duplicate service ${svc.identifier}`);
      out.set(svc.identifier, svc);
    });
  }
  return out;
}

function compileService(raw: unknown, moduleId: string | null, where: string): TslService {
  if (!isObj(raw) || typeof raw.identifier !== "string" || raw.identifier === "") {
    throw new TslError(`${where}.identifier: must be a non-empty string`);
  }
  const localId = raw.identifier;
  const callType = raw.callType;
  if (callType !== "sync" && callType !== "async") throw new TslError(`${where}.callType: must be "sync" or "async"`);
  const identifier = moduleId ? `${moduleId}:${localId}` : localId;
  const method = typeof raw.method === "string" ? raw.method : `thing.service.${identifier}`;
  // the generated property services use their own topics (…/thing/service/property/set)
  const topicSuffix = method === "thing.service.property.set" || method === "thing.service.property.get" ? method.slice(14).replace(".", "/") : identifier;
  return {
    identifier,
    localId,
    moduleId,
    name: typeof raw.name === "string" ? raw.name : localId,
    callType,
    method,
    topicSuffix,
    inputs: paramList(raw.inputData, `${where}.inputData`),
    outputs: paramList(raw.outputData, `${where}.outputData`),
  };
}

function paramList(raw: unknown, where: string): TslParam[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new TslError(`${where}: must be a list`);
  // `get` lists property identifiers as plain strings: they name values, they are not params
  return raw.flatMap((p: unknown, i) => (typeof p === "string" ? [] : [compileParam(p, `${where}[${i}]`)]));
}

export function compileParam(raw: unknown, where: string): TslParam {
  if (!isObj(raw) || typeof raw.identifier !== "string" || raw.identifier === "") {
    throw new TslError(`${where}.identifier: must be a non-empty string`);
  }
  const base = { id: raw.identifier, name: typeof raw.name === "string" ? raw.name : raw.identifier };
  return { ...base, ...compileType(raw.dataType, `${where}.dataType`) };
}

type TypePart = Omit<TslParam, "id" | "name">;

function compileType(dt: unknown, where: string): TypePart {
  if (!isObj(dt) || typeof dt.type !== "string" || !TSL_TYPES.includes(dt.type)) {
    throw new TslError(`${where}.type: must be one of ${TSL_TYPES.join(", ")}`);
  }
  const type = dt.type as TslType;
  const specs = dt.specs;
  const part: TypePart = { type, raw: dt };
  switch (type) {
    case "int":
    case "float":
    case "double":
      return { ...part, ...bounds(specs, where) };
    case "text":
      return { ...part, length: specNumber(isObj(specs) ? specs.length : undefined, `${where}.specs.length`) };
    case "bool":
    case "enum":
      return { ...part, keys: enumKeys(specs, `${where}.specs`) };
    case "struct":
      if (!Array.isArray(specs)) throw new TslError(`${where}.specs: a struct's specs must be a list of members`);
      return { ...part, members: specs.map((m: unknown, i) => compileParam(m, `${where}.specs[${i}]`)) };
    case "array":
      return { ...part, ...arraySpecs(specs, `${where}.specs`) };
    case "date":
      return part;
  }
}

function specNumber(v: unknown, where: string): number | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new TslError(`${where}: must be a number (TSL writes it as a string)`);
  return n;
}

function bounds(specs: unknown, where: string): { min?: number; max?: number } {
  const s = isObj(specs) ? specs : {};
  const min = specNumber(s.min, `${where}.specs.min`);
  const max = specNumber(s.max, `${where}.specs.max`);
  if (min !== undefined && max !== undefined && min > max) throw new TslError(`${where}.specs: min is above max`);
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

function enumKeys(specs: unknown, where: string): string[] {
  if (!isObj(specs) || Object.keys(specs).length === 0) throw new TslError(`${where}: must map values to names, e.g. {"0":"off","1":"on"}`);
  const keys = Object.keys(specs);
  if (!keys.every((k) => /^-?\d+$/.test(k))) throw new TslError(`${where}: keys must be integers`);
  return keys;
}

function arraySpecs(specs: unknown, where: string): { size?: number; item: TslParam } {
  if (!isObj(specs) || !isObj(specs.item)) throw new TslError(`${where}.item: an array needs an item type`);
  const itemType = specs.item.type;
  if (typeof itemType !== "string" || !ARRAY_ITEM_TYPES.includes(itemType)) {
    throw new TslError(`${where}.item.type: must be one of ${ARRAY_ITEM_TYPES.join(", ")}`);
  }
  const item: TslParam = { id: "item", name: "item", ...compileType(specs.item, `${where}.item`) };
  return { size: specNumber(specs.size, `${where}.size`), item };
}
