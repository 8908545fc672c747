// ServiceSpec -> JSON Schema (draft-07, as @rjsf/validator-ajv8 and our server validation use it)
// and the matching rjsf uiSchema. The same schema drives the form and validate.ts.
import { text, type Locale, type ParamSpec, type ServiceSpec, type UnitSpec } from "./types";

export const JSON_SCHEMA_DRAFT_07 = "http://json-schema.org/draft-07/schema#";

export interface JsonSchema {
  $schema?: string;
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  title?: string;
  description?: string;
  default?: unknown;
  const?: unknown;
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  maxLength?: number;
  format?: string;
}

export type UiSchema = { [key: string]: unknown };

/** Inputs are closed (unknown keys are errors); outputs are only rendered, so extra keys are kept. */
type Mode = "input" | "output";

export function inputSchema(spec: ServiceSpec, locale: Locale = "en-US"): JsonSchema {
  return { $schema: JSON_SCHEMA_DRAFT_07, ...objectSchema(spec.inputs, locale, "input"), title: text(spec.name, locale) };
}

export function outputSchema(spec: ServiceSpec, locale: Locale = "en-US"): JsonSchema {
  return { $schema: JSON_SCHEMA_DRAFT_07, ...objectSchema(spec.outputs, locale, "output"), title: text(spec.name, locale) };
}

function objectSchema(params: readonly ParamSpec[], locale: Locale, mode: Mode): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const p of params) properties[p.identifier] = paramSchema(p, locale, mode);
  const required = mode === "input" ? params.filter((p) => p.required).map((p) => p.identifier) : [];
  return {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: mode === "output",
  };
}

export function paramSchema(p: ParamSpec, locale: Locale = "en-US", mode: Mode = "input"): JsonSchema {
  const schema: JsonSchema = { ...typeSchema(p, locale, mode), title: text(p.name, locale) || p.identifier };
  const description = text(p.description, locale);
  if (description) schema.description = description;
  if (p.default !== undefined) schema.default = p.default;
  return schema;
}

function typeSchema(p: ParamSpec, locale: Locale, mode: Mode): JsonSchema {
  switch (p.type) {
    case "int":
      return { type: "integer", ...bounds(p), ...(p.step && Number.isInteger(p.step) ? { multipleOf: p.step } : {}) };
    case "float":
    case "double":
      return { type: "number", ...bounds(p) };
    case "string":
      return { type: "string", ...(p.maxLength !== undefined ? { maxLength: p.maxLength } : {}) };
    case "bool":
      return boolSchema(p, locale);
    case "enum":
      return {
        type: p.enumValueType === "int" ? "integer" : "string",
        oneOf: (p.enumOptions ?? []).map((o) => ({ const: o.value, title: text(o.label, locale) || String(o.value) })),
      };
    case "date":
      return { type: "string", format: "date" };
    case "timestamp":
      // epoch ms before 1970 are no device's business; the EnOS platform refuses them
      return { type: "integer", minimum: 0 };
    case "file":
      return { type: "string" };
    case "struct":
      return objectSchema(p.members ?? [], locale, mode);
    case "array":
      return arraySchema(p, locale, mode);
    case "json":
      return {};
  }
}

function bounds(p: ParamSpec): JsonSchema {
  return {
    ...(p.min !== undefined && Number.isFinite(p.min) ? { minimum: p.min } : {}),
    ...(p.max !== undefined && Number.isFinite(p.max) ? { maximum: p.max } : {}),
  };
}

function boolSchema(p: ParamSpec, locale: Locale): JsonSchema {
  if (!p.boolLabels) return { type: "boolean" };
  return {
    type: "boolean",
    oneOf: [
      { const: true, title: text(p.boolLabels.true, locale) },
      { const: false, title: text(p.boolLabels.false, locale) },
    ],
  };
}

function arraySchema(p: ParamSpec, locale: Locale, mode: Mode): JsonSchema {
  const schema: JsonSchema = { type: "array" };
  if (p.items) {
    const { title: _title, ...items } = paramSchema(p.items, locale, mode);
    schema.items = items;
  }
  if (p.minItems !== undefined) schema.minItems = p.minItems;
  if (p.maxItems !== undefined) schema.maxItems = p.maxItems;
  return schema;
}

// ---- uiSchema -------------------------------------------------------------------------------

const SI_PREFIX: Record<string, string> = {
  YOTTA: "Y", ZETTA: "Z", EXA: "E", PETA: "P", TERA: "T", GIGA: "G", MEGA: "M", KILO: "k", HECTO: "h",
  DECA: "da", ONE: "", DECI: "d", CENTI: "c", MILLI: "m", MICRO: "µ", NANO: "n", PICO: "p", FEMTO: "f",
  ATTO: "a", ZEPTO: "z", YOCTO: "y",
};

/** "kW" for {id: "W", multiplier: "KILO"}; an unknown multiplier is shown by name. */
export function unitLabel(unit: UnitSpec): string {
  if (!unit.multiplier) return unit.id;
  const prefix = SI_PREFIX[unit.multiplier.toUpperCase()];
  return prefix !== undefined ? `${prefix}${unit.id}` : `${unit.id} (${unit.multiplier})`;
}

const HELP: Record<Locale, { step: string; json: string; unread: (why: string) => string }> = {
  "en-US": { step: "step", json: "Enter a JSON value.", unread: (why) => `The model could not be read here (${why}). ` },
  "zh-CN": { step: "步长", json: "请输入 JSON 值。", unread: (why) => `无法读取此处的物模型（${why}）。` },
};

/** Longer texts get a textarea; Alibaba `text` allows up to 10 240 characters. */
const TEXTAREA_FROM = 256;

export function uiSchema(spec: ServiceSpec, locale: Locale = "en-US"): UiSchema {
  return objectUi(spec.inputs, locale);
}

/** uiSchema for rendering a reply (read-only). */
export function outputUiSchema(spec: ServiceSpec, locale: Locale = "en-US"): UiSchema {
  return { ...objectUi(spec.outputs, locale), "ui:readonly": true };
}

function objectUi(params: readonly ParamSpec[], locale: Locale): UiSchema {
  const ui: UiSchema = { "ui:order": [...params.map((p) => p.identifier), "*"] };
  for (const p of params) ui[p.identifier] = { ...paramUi(p, locale), "ui:options": { ...optionsOf(p, locale), identifier: p.identifier } };
  return ui;
}

/**
 * The widget and its options for one param (custom widgets live in components/services/widgets).
 * `ui:options` carries what the widgets show beside the input (unit, step, warning); `ui:help` the range.
 */
export function paramUi(p: ParamSpec, locale: Locale = "en-US"): UiSchema {
  const ui: UiSchema = p.type === "struct" ? objectUi(p.members ?? [], locale) : { ...WIDGETS[p.type] };
  if (p.type === "string" && p.maxLength !== undefined && p.maxLength > TEXTAREA_FROM) ui["ui:widget"] = "textarea";
  // scalar items have no label of their own: their widget names them "<array> 2"
  if (p.type === "array" && p.items) ui.items = { ...paramUi(p.items, locale), ...(p.items.type === "struct" ? {} : { "ui:label": false }) };
  const options = optionsOf(p, locale);
  if (Object.keys(options).length > 0) ui["ui:options"] = options;
  const hint = numberHint(p, locale);
  if (hint) ui["ui:help"] = hint;
  return ui;
}

const WIDGETS: Partial<Record<ParamSpec["type"], UiSchema>> = {
  bool: { "ui:widget": "BoolWidget" },
  date: { "ui:widget": "date" },
  timestamp: { "ui:widget": "TimestampWidget" },
  file: { "ui:placeholder": "ftp://host/path/file or https://…" },
  json: { "ui:field": "JsonField" },
};

function optionsOf(p: ParamSpec, locale: Locale): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (p.unit) {
    options.unit = unitLabel(p.unit);
    const name = p.unit.name ? text(p.unit.name, locale) : "";
    if (name) options.unitName = name;
  }
  if ((p.type === "float" || p.type === "double" || p.type === "int") && p.step) options.step = p.step;
  if (p.type === "file") options.inputType = "url";
  if (p.type === "json") options.warning = p.warning ? `${HELP[locale].unread(p.warning)}${HELP[locale].json}` : HELP[locale].json;
  return options;
}

/** "0 … 100 · step 0.1": only bounds a model set, not the 32-bit limits every INT has. */
function numberHint(p: ParamSpec, locale: Locale): string {
  if (p.type !== "int" && p.type !== "float" && p.type !== "double") return "";
  const shown = (n: number | undefined) => n !== undefined && Number.isFinite(n) && Math.abs(n) < 2147483647;
  const parts: string[] = [];
  if (shown(p.min) || shown(p.max)) parts.push(`${shown(p.min) ? p.min : "…"} – ${shown(p.max) ? p.max : "…"}`);
  if (p.step) parts.push(`${HELP[locale].step} ${p.step}`);
  return parts.join(" · ");
}
