// The platform-neutral description of a device service. One ServiceSpec drives the generated form,
// server-side validation and wire encoding for every platform.

export const LOCALES = ["en-US", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

/** A display text with optional translations; `default` is used when a locale is missing. */
export interface I18nText {
  default: string;
  "en-US"?: string;
  "zh-CN"?: string;
}

export type ParamType =
  | "int"
  | "float"
  | "double"
  | "string"
  | "bool"
  | "enum"
  | "date"
  | "timestamp"
  | "struct"
  | "array"
  | "file"
  /** a part of a model we could not understand: edited as raw JSON, with a warning */
  | "json";

export interface UnitSpec {
  /** symbol, e.g. "°C", "rpm" */
  id: string;
  name?: I18nText;
  /** SI prefix name (EnOS multiplier), e.g. "KILO" */
  multiplier?: string;
}

export interface EnumOption {
  value: string | number;
  label: I18nText;
}

export interface ParamSpec {
  identifier: string;
  name: I18nText;
  description?: I18nText;
  type: ParamType;
  required: boolean;
  default?: unknown;
  unit?: UnitSpec;
  /** numbers */
  min?: number;
  max?: number;
  step?: number;
  /** strings */
  maxLength?: number;
  /** enum: allowed values with labels; enumValueType says whether values are ints or strings */
  enumOptions?: EnumOption[];
  enumValueType?: "int" | "string";
  /** bool: labels of true / false */
  boolLabels?: { true: I18nText; false: I18nText };
  /** array: the item type (a ParamSpec without meaningful identifier) and size bounds */
  items?: ParamSpec;
  minItems?: number;
  maxItems?: number;
  /** struct members */
  members?: ParamSpec[];
  /** set when part of the model was malformed or unknown; the param degrades to `json` */
  warning?: string;
}

export interface ServiceSpec {
  /** identifier as the platform expects it (Alibaba custom modules: "module:service") */
  identifier: string;
  name: I18nText;
  description?: I18nText;
  callType: "sync" | "async";
  inputs: ParamSpec[];
  outputs: ParamSpec[];
  /** problems found while reading the model, shown to the user */
  warnings: string[];
}

export function text(t: I18nText | undefined, locale: Locale = "en-US"): string {
  if (!t) return "";
  return t[locale] || t.default;
}
