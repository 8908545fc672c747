// The storage form of a thing model, `ThingModelJson` (QueryThingModel[Published], aliyun.md §4.3):
// UPPER-case types, specs in `dataSpecs` (enum/bool/struct members in `dataSpecsList`), `rwFlag`
// instead of `accessMode`, keys sorted. Only the documented property example is certain; the rest
// follows its pattern and is meant to be plausible, not authoritative (the console builds its
// forms from TslStr).
import type { TslModule, TslParam, TslService } from "./tsl";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keys sorted alphabetically at every level, as the platform stores it. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (!isObj(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => [k, sorted(v[k])]),
  );
}

export function thingModelJson(productKey: string, module: TslModule, services: readonly TslService[], allModules: readonly TslModule[], published: boolean): string {
  const tsl = module.tsl;
  const model: Obj = {
    productKey,
    properties: (Array.isArray(tsl.properties) ? tsl.properties : []).filter(isObj).map(property),
    events: (Array.isArray(tsl.events) ? tsl.events : []).filter(isObj).map(event),
    services: services.map(service),
  };
  if (published) model._ppk = { version: String(isObj(tsl.profile) ? (tsl.profile.version ?? "1.0") : "1.0"), description: "" };
  if (module.id === null && allModules.length > 1) {
    model.functionBlocks = allModules.filter((m) => m.id !== null).map((m) => ({ functionBlockId: m.id, functionBlockName: m.name }));
  }
  if (module.id !== null) model.functionBlockId = module.id;
  return JSON.stringify(sorted(model));
}

const common = { custom: true, std: false, required: false };

function property(p: Obj): Obj {
  return {
    ...common,
    identifier: p.identifier,
    name: p.name,
    rwFlag: p.accessMode === "r" ? "READ_ONLY" : "READ_WRITE",
    ...dataSpecsOf(isObj(p.dataType) ? p.dataType : {}),
  };
}

function event(e: Obj): Obj {
  const type = typeof e.type === "string" ? e.type.toUpperCase() : "INFO";
  return { ...common, identifier: e.identifier, eventName: e.name, eventType: `${type}_EVENT_TYPE`, outputData: [] };
}

function service(s: TslService): Obj {
  return {
    ...common,
    identifier: s.localId,
    serviceName: s.name,
    callType: s.callType.toUpperCase(),
    inputParams: s.inputs.map(param),
    outputParams: s.outputs.map(param),
  };
}

function param(p: TslParam): Obj {
  return { identifier: p.id, name: p.name, ...common, ...dataSpecsOf(p.raw) };
}

/** `{dataType:"INT", dataSpecs:{…}}`, or `dataSpecsList` for enum, bool and struct. */
function dataSpecsOf(dt: Obj): Obj {
  const type = String(dt.type ?? "").toUpperCase();
  const specs = dt.specs;
  if ((type === "ENUM" || type === "BOOL") && isObj(specs)) {
    return { dataType: type, dataSpecsList: Object.entries(specs).map(([value, name]) => ({ dataType: type, name, value: Number(value), custom: true })) };
  }
  if (type === "STRUCT" && Array.isArray(specs)) {
    return { dataType: type, dataSpecsList: specs.filter(isObj).map((m) => ({ identifier: m.identifier, name: m.name, custom: true, ...dataSpecsOf(isObj(m.dataType) ? m.dataType : {}) })) };
  }
  if (type === "ARRAY" && isObj(specs)) {
    const item = isObj(specs.item) ? specs.item : {};
    return { dataType: type, dataSpecs: { dataType: type, size: specs.size, childDataType: String(item.type ?? "").toUpperCase(), custom: true } };
  }
  return { dataType: type, dataSpecs: { dataType: type, ...(isObj(specs) ? specs : {}), custom: true } };
}
