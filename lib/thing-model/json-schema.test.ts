import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { enosServices } from "./enos";
import { inputSchema, outputSchema, outputUiSchema, uiSchema, unitLabel } from "./json-schema";
import { everyTypeModel } from "./testing/enos-model.fixture";

const [configure, broken] = enosServices(everyTypeModel);
if (!configure || !broken) throw new Error("fixture services missing");

describe("inputSchema", () => {
  const schema = inputSchema(configure);

  it("is a closed draft-07 object with a required list", () => {
    expect(schema).toMatchObject({
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      title: "Configure",
      additionalProperties: false,
    });
    expect(schema.required).toEqual(["speed", "ratio", "power", "label", "enabled", "mode", "level", "day", "at", "firmware", "config", "points"]);
  });

  it("maps each param type", () => {
    const p = schema.properties!;
    expect(p.speed).toEqual({ type: "integer", minimum: -2147483648, maximum: 2147483647, title: "Speed" });
    expect(p.ratio).toEqual({ type: "number", title: "Ratio" });
    expect(p.label).toEqual({ type: "string", maxLength: 8, title: "Label" });
    expect(p.enabled).toEqual({
      type: "boolean",
      oneOf: [
        { const: true, title: "On" },
        { const: false, title: "Off" },
      ],
      title: "Enabled",
      default: false,
    });
    expect(p.mode).toEqual({
      type: "integer",
      oneOf: [
        { const: 0, title: "Eco" },
        { const: 1, title: "Normal" },
        { const: 2, title: "Boost" },
      ],
      title: "Mode",
      default: 1,
    });
    expect(p.level?.type).toBe("string");
    expect(p.day).toEqual({ type: "string", format: "date", title: "Day" });
    expect(p.at).toEqual({ type: "integer", minimum: 0, title: "At" });
    expect(p.firmware).toEqual({ type: "string", title: "Firmware" });
    expect(p.config).toEqual({
      type: "object",
      title: "Config",
      properties: {
        int11: { type: "integer", minimum: -2147483648, maximum: 2147483647, title: "Int 11" },
        items: { type: "array", items: { type: "number" }, title: "Items" },
      },
      required: ["int11"],
      additionalProperties: false,
    });
    expect(p.points).toEqual({ type: "array", items: { type: "integer", minimum: -2147483648, maximum: 2147483647 }, title: "Points" });
  });

  it("leaves json params open", () => {
    expect(inputSchema(broken).properties?.weird).toEqual({ title: "Weird" });
  });

  it("localises titles", () => {
    const zh = inputSchema(configure, "zh-CN");
    expect(zh.title).toBe("配置");
    expect(zh.properties?.speed?.title).toBe("转速");
    expect(zh.properties?.mode?.oneOf?.[1]?.title).toBe("正常");
    expect(zh.properties?.enabled?.oneOf?.[1]?.title).toBe("关");
  });

  it("compiles in strict ajv (draft-07), as @rjsf/validator-ajv8 would", () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    addFormats(ajv);
    expect(() => ajv.compile(inputSchema(configure))).not.toThrow();
    expect(() => ajv.compile(outputSchema(configure))).not.toThrow();
  });
});

describe("outputSchema", () => {
  it("is open and has no required list", () => {
    const schema = outputSchema(configure);
    expect(schema.additionalProperties).toBe(true);
    expect(schema.required).toBeUndefined();
    expect(Object.keys(schema.properties!)).toEqual(["result", "code"]);
  });
});

describe("uiSchema", () => {
  it("orders fields, shows units beside numbers and picks widgets", () => {
    const ui = uiSchema(configure);
    expect(ui["ui:order"]).toEqual([...configure.inputs.map((p) => p.identifier), "*"]);
    expect(ui.speed).toEqual({ "ui:options": { unit: "rpm", identifier: "speed" } });
    expect(ui.power).toEqual({ "ui:options": { unit: "kW", identifier: "power" } });
    expect(ui.enabled).toEqual({ "ui:widget": "BoolWidget", "ui:options": { identifier: "enabled" } });
    expect(ui.day).toMatchObject({ "ui:widget": "date" });
    expect(ui.at).toMatchObject({ "ui:widget": "TimestampWidget" });
    expect(ui.firmware).toMatchObject({ "ui:options": { inputType: "url" }, "ui:placeholder": expect.stringContaining("ftp://") });
    expect(ui.config).toMatchObject({
      "ui:order": ["int11", "items", "*"],
      "ui:options": { identifier: "config" },
      int11: { "ui:options": { unit: "rpm", identifier: "int11" } },
      items: { items: { "ui:label": false } },
    });
    expect(ui.points).toMatchObject({ items: { "ui:label": false } });
  });

  it("gives the range and step of bounded numbers as help", () => {
    const spec = {
      ...configure,
      inputs: [
        { identifier: "g", name: { default: "G" }, type: "float" as const, required: true, min: 0.1, max: 5, step: 0.1 },
        { identifier: "n", name: { default: "N" }, type: "int" as const, required: true, min: 0 },
      ],
    };
    expect(uiSchema(spec).g).toEqual({ "ui:options": { step: 0.1, identifier: "g" }, "ui:help": "0.1 – 5 · step 0.1" });
    expect(uiSchema(spec).n).toMatchObject({ "ui:help": "0 – …" });
    expect(uiSchema(spec, "zh-CN").g).toMatchObject({ "ui:help": "0.1 – 5 · 步长 0.1" });
  });

  it("gives long texts a textarea", () => {
    const spec = { ...configure, inputs: [{ identifier: "t", name: { default: "T" }, type: "string" as const, required: true, maxLength: 10240 }] };
    expect(uiSchema(spec).t).toMatchObject({ "ui:widget": "textarea" });
  });

  it("edits json params in the JSON field and explains why", () => {
    expect(uiSchema(broken).weird).toEqual({
      "ui:field": "JsonField",
      "ui:options": { warning: "The model could not be read here (unknown data type “DECIMAL”). Enter a JSON value.", identifier: "weird" },
    });
    expect(uiSchema(broken, "zh-CN").weird).toMatchObject({ "ui:options": { warning: "无法读取此处的物模型（unknown data type “DECIMAL”）。请输入 JSON 值。" } });
  });

  it("renders outputs read-only", () => {
    expect(outputUiSchema(configure)["ui:readonly"]).toBe(true);
  });
});

describe("unitLabel", () => {
  it("prefixes SI multipliers", () => {
    expect(unitLabel({ id: "W", multiplier: "MEGA" })).toBe("MW");
    expect(unitLabel({ id: "m", multiplier: "MICRO" })).toBe("µm");
    expect(unitLabel({ id: "m", multiplier: "WEIRD" })).toBe("m (WEIRD)");
  });
});
