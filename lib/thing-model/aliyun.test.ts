import { describe, expect, it } from "vitest";
import { aliyunServices, tslModuleId } from "./aliyun";
import { inputSchema } from "./json-schema";
import { everyTypeTsl, moduleTsl } from "./testing/aliyun-tsl.fixture";
import type { ServiceSpec } from "./types";
import { validateInput } from "./validate";

const services = aliyunServices(everyTypeTsl);
const byId = (id: string) => {
  const s = services.find((x) => x.identifier === id);
  if (!s) throw new Error(`no service ${id}`);
  return s;
};

describe("aliyunServices: golden conversion", () => {
  it("keeps services with an identifier, in document order", () => {
    expect(services.map((s) => s.identifier)).toEqual(["get", "configure", "broken"]);
  });

  it("tolerates the generated get service, whose inputData lists property names", () => {
    expect(byId("get")).toEqual({
      identifier: "get",
      name: { default: "get" },
      description: { default: "属性获取" },
      callType: "async",
      inputs: [],
      outputs: [],
      warnings: [],
    });
  });

  it("converts every data type and specs field", () => {
    const expected: ServiceSpec = {
      identifier: "configure",
      name: { default: "Configure" },
      description: { default: "Everything at once" },
      callType: "sync",
      inputs: [
        { identifier: "level", name: { default: "Level" }, type: "int", required: true, min: 0, max: 100, step: 1, unit: { id: "%", name: { default: "百分比" } } },
        { identifier: "gamma", name: { default: "Gamma" }, type: "float", required: true, min: 0.1, max: 5, step: 0.1 },
        { identifier: "power", name: { default: "Power" }, type: "double", required: true, min: -1000, max: 1000, step: 0.01, unit: { id: "kW", name: { default: "千瓦" } } },
        { identifier: "label", name: { default: "Label" }, type: "string", required: true, maxLength: 20 },
        { identifier: "when", name: { default: "When" }, type: "timestamp", required: true },
        {
          identifier: "enabled",
          name: { default: "Enabled" },
          type: "bool",
          required: true,
          boolLabels: { true: { default: "on" }, false: { default: "off" } },
        },
        {
          identifier: "mode",
          name: { default: "Mode" },
          type: "enum",
          required: true,
          enumValueType: "int",
          enumOptions: [
            { value: 0, label: { default: "heat" } },
            { value: 1, label: { default: "cool" } },
            { value: 2, label: { default: "auto" } },
          ],
        },
        {
          identifier: "zone",
          name: { default: "Zone" },
          type: "struct",
          required: true,
          members: [
            { identifier: "x", name: { default: "X" }, type: "float", required: true, min: -10, max: 10, step: 0.5 },
            { identifier: "y", name: { default: "Y" }, type: "int", required: true, min: 0, max: 9, step: 1 },
          ],
        },
        {
          identifier: "points",
          name: { default: "Points" },
          type: "array",
          required: true,
          items: { identifier: "", name: { default: "Item" }, type: "double", required: true },
          maxItems: 4,
        },
        {
          identifier: "pairs",
          name: { default: "Pairs" },
          type: "array",
          required: true,
          maxItems: 2,
          items: {
            identifier: "",
            name: { default: "Item" },
            type: "struct",
            required: true,
            members: [
              { identifier: "k", name: { default: "K" }, type: "string", required: true, maxLength: 8 },
              { identifier: "v", name: { default: "V" }, type: "float", required: true },
            ],
          },
        },
      ],
      outputs: [{ identifier: "level", name: { default: "Level" }, type: "int", required: false, min: 0, max: 100, step: 1 }],
      warnings: [],
    };
    expect(byId("configure")).toEqual(expected);
  });

  it("degrades malformed parts to json with warnings, never throwing", () => {
    const broken = byId("broken");
    expect(broken.callType).toBe("async");
    expect(broken.inputs.map((p) => [p.identifier, p.type])).toEqual([
      ["noType", "json"],
      ["badEnum", "json"],
      ["badStruct", "json"],
      ["badArray", "json"],
      ["strange", "json"],
      ["loose", "int"],
    ]);
    expect(broken.inputs.find((p) => p.identifier === "loose")).toMatchObject({ min: -2147483648, max: 5 });
    expect(broken.inputs.find((p) => p.identifier === "strange")?.warning).toBe("unknown data type “quaternion”");
    expect(broken.outputs).toEqual([]);
    expect(broken.warnings).toEqual([
      "Service “broken” (#3) has no valid callType; it is treated as async.",
      "Input “noType”: no dataType.type; it is handled as raw JSON.",
      "Input “badEnum”: enum with values that are not 32-bit integers; it is handled as raw JSON.",
      "Input “badStruct”: struct without a member list (specs); it is handled as raw JSON.",
      "Input “badArray”: unsupported array item type “bool”; it is handled as raw JSON.",
      "Input “strange”: unknown data type “quaternion”; it is handled as raw JSON.",
      "Input “loose”: min “low” is not a number; it was ignored.",
      "Input: an entry without an identifier was ignored.",
      "Input: “loose” is defined twice; the second one was ignored.",
      "Output: the data list is not a list in the TSL; it was ignored.",
    ]);
  });

  it("qualifies the identifiers of a custom module", () => {
    expect(tslModuleId(moduleTsl)).toBe("testFb");
    expect(tslModuleId(everyTypeTsl)).toBeUndefined();
    expect(aliyunServices(moduleTsl).map((s) => s.identifier)).toEqual(["testFb:SetMode"]);
  });

  it("answers nothing for documents that are not TSL", () => {
    expect(aliyunServices(null)).toEqual([]);
    expect(aliyunServices({ services: "x" })).toEqual([]);
    expect(aliyunServices("{}")).toEqual([]);
  });

  it("produces specs the form schema and validation accept", () => {
    const configure = byId("configure");
    expect(inputSchema(configure).properties?.when).toMatchObject({ type: "integer" });
    const ok = validateInput(configure, {
      level: 50, gamma: 1.5, power: 10, label: "x", when: 1536228947682, enabled: true, mode: 2,
      zone: { x: 1, y: 2 }, points: [1, 2.5], pairs: [{ k: "a", v: 1 }],
    });
    expect(ok.ok).toBe(true);
    const bad = validateInput(configure, { level: 101, gamma: 1, power: 0, label: "x", when: 1, enabled: true, mode: 3, zone: { x: 0, y: 0 }, points: [1, 2, 3, 4, 5], pairs: [] });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path).sort()).toEqual(["level", "mode", "points"]);
  });
});
