// Turns EnOS ThingDatapoints into checked parameter specs once, at seed load. A datapoint whose
// dataDefinition cannot be read (not JSON, no enumDesc...) is kept UNCHECKED, with the problem
// named by its path: the platform stores such a model part as text and passes values for it on,
// and a real model with one odd part must still load (the console degrades it to a JSON field).
import type { Seed } from "../seed";

type ThingModel = Seed["enos"]["products"][number]["thingModel"];

export type DataType =
  | "ARRAY" | "BOOL" | "DATE" | "ENUM" | "INT" | "FLOAT" | "DOUBLE" | "STRUCT" | "STRING" | "TIMESTAMP" | "FILE";

const DATA_TYPES: readonly string[] = [
  "ARRAY", "BOOL", "DATE", "ENUM", "INT", "FLOAT", "DOUBLE", "STRUCT", "STRING", "TIMESTAMP", "FILE",
];

interface Base {
  id: string;
  /** only STRUCT members carry a required flag; top-level datapoints have none */
  required: boolean;
  /** dataDefinition.defaultValue, when the model gives one */
  defaultValue?: unknown;
}

export type ParamSpec =
  | (Base & { type: "INT" | "FLOAT" | "DOUBLE" | "BOOL" | "DATE" | "TIMESTAMP" | "FILE" })
  | (Base & { type: "STRING"; maxLength?: number })
  | (Base & { type: "ENUM"; enumType: "INT" | "STRING"; keys: string[] })
  | (Base & { type: "ARRAY"; itemType: DataType })
  | (Base & { type: "STRUCT"; items: ParamSpec[] })
  /** a datapoint whose definition could not be read: any JSON value passes */
  | (Base & { type: "UNCHECKED"; problem: string });

export interface CompiledService {
  identifier: string;
  inputs: ParamSpec[];
  outputs: ParamSpec[];
}

/** A problem in a model, with a path relative to the model ("services.reboot.inputData[0]..."). */
export class ModelError extends Error {}

type Json = Record<string, unknown>;

/** dataDefinition is documented as a JSON string; models also carry an object or nothing. */
export function parseDefinition(raw: unknown, where: string): Json {
  if (raw === null || raw === undefined || raw === "") return {};
  if (typeof raw === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ModelError(`${where}: not valid JSON`);
    }
    return parseDefinition(parsed, where);
  }
  if (typeof raw === "object" && !Array.isArray(raw)) return raw as Json;
  throw new ModelError(`${where}: must be a JSON object (or a string holding one)`);
}

export function compileThingModel(model: ThingModel): Map<string, CompiledService> {
  const out = new Map<string, CompiledService>();
  for (const [key, svc] of Object.entries(model.services)) {
    const where = `services.${key}`;
    out.set(key, {
      identifier: svc.identifier,
      inputs: svc.inputData.map((dp, i) => compileParam(dp, `${where}.inputData[${i}]`)),
      outputs: svc.outputData.map((dp, i) => compileParam(dp, `${where}.outputData[${i}]`)),
    });
  }
  return out;
}

/** One datapoint (or STRUCT member) into a ParamSpec. */
export function compileParam(dp: Json, where: string): ParamSpec {
  const id = dp.identifier;
  const type = dp.dataType;
  if (typeof id !== "string" || id === "") throw new ModelError(`${where}.identifier: must be a non-empty string`);
  if (typeof type !== "string" || !DATA_TYPES.includes(type)) {
    throw new ModelError(`${where}.dataType: must be one of ${DATA_TYPES.join(", ")}`);
  }
  const base: Base = { id, required: dp.required === true };
  try {
    const def = parseDefinition(dp.dataDefinition, `${where}.dataDefinition`);
    if ("defaultValue" in def) base.defaultValue = def.defaultValue;
    return refine(base, type as DataType, def, `${where}.dataDefinition`);
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    return { id, required: base.required, type: "UNCHECKED", problem: e.message };
  }
}

/** Every UNCHECKED datapoint of the compiled services, as "<path>: <problem>". */
export function modelProblems(services: Map<string, CompiledService>): string[] {
  const out: string[] = [];
  const visit = (specs: readonly ParamSpec[]) => {
    for (const spec of specs) {
      if (spec.type === "UNCHECKED") out.push(spec.problem);
      if (spec.type === "STRUCT") visit(spec.items);
    }
  };
  for (const svc of services.values()) {
    visit(svc.inputs);
    visit(svc.outputs);
  }
  return out;
}

function refine(base: Base, type: DataType, def: Json, where: string): ParamSpec {
  switch (type) {
    case "STRING":
      return { ...base, type, maxLength: optionalLength(def.maxLength, `${where}.maxLength`) };
    case "ENUM":
      return enumSpec(base, def, where);
    case "ARRAY":
      return { ...base, type, itemType: arrayItemType(def.itemType, `${where}.itemType`) };
    case "STRUCT":
      return { ...base, type, items: structItems(def.items, `${where}.items`) };
    default:
      return { ...base, type };
  }
}

function optionalLength(v: unknown, where: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw new ModelError(`${where}: must be a non-negative integer`);
  return n;
}

function enumSpec(base: Base, def: Json, where: string): ParamSpec {
  const desc = def.enumDesc;
  if (desc === undefined || desc === null || typeof desc !== "object" || Array.isArray(desc)) {
    throw new ModelError(`${where}.enumDesc: must be an object of value -> StringI18n`);
  }
  const enumType = def.enumType === undefined ? "INT" : def.enumType;
  if (enumType !== "INT" && enumType !== "STRING") throw new ModelError(`${where}.enumType: must be INT or STRING`);
  const keys = Object.keys(desc);
  if (enumType === "INT" && keys.some((k) => !/^-?\d+$/.test(k))) {
    throw new ModelError(`${where}.enumDesc: keys must be integers when enumType is INT`);
  }
  return { ...base, type: "ENUM", enumType, keys };
}

// The contract lists INT, FLOAT, DOUBLE and STRING; other scalars cost nothing to accept.
const ARRAY_ITEM_TYPES: readonly string[] = ["INT", "FLOAT", "DOUBLE", "STRING", "BOOL", "DATE", "TIMESTAMP", "FILE"];

function arrayItemType(v: unknown, where: string): DataType {
  if (typeof v !== "string" || !ARRAY_ITEM_TYPES.includes(v)) {
    throw new ModelError(`${where}: must be a scalar data type such as INT, FLOAT, DOUBLE or STRING`);
  }
  return v as DataType;
}

function structItems(v: unknown, where: string): ParamSpec[] {
  if (!Array.isArray(v)) throw new ModelError(`${where}: must be an array of members`);
  return v.map((item: unknown, i) => {
    if (item === null || typeof item !== "object") throw new ModelError(`${where}[${i}]: must be an object`);
    return compileParam(item as Json, `${where}[${i}]`);
  });
}
