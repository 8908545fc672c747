import { describe, expect, it } from "vitest";
import { enosServices, i18nFromEnos, unitFromEnos } from "./enos";
import { everyTypeModel } from "./testing/enos-model.fixture";
import type { ServiceSpec } from "./types";

const INT32 = { min: -2147483648, max: 2147483647 };

describe("enosServices: golden conversion", () => {
  const [configure, broken] = enosServices(everyTypeModel);

  it("keeps the services in model order", () => {
    expect(enosServices(everyTypeModel).map((s) => s.identifier)).toEqual(["configure", "broken"]);
  });

  it("converts every data type and definition shape", () => {
    const expected: ServiceSpec = {
      identifier: "configure",
      name: { default: "Configure", "en-US": "Configure", "zh-CN": "配置" },
      description: { default: "Set everything at once" },
      callType: "sync",
      inputs: [
        { identifier: "speed", name: { default: "Speed", "zh-CN": "转速" }, type: "int", required: true, unit: { id: "rpm" }, ...INT32 },
        { identifier: "ratio", name: { default: "Ratio" }, type: "float", required: true },
        { identifier: "power", name: { default: "Power" }, type: "double", required: true, unit: { id: "W", multiplier: "KILO" } },
        { identifier: "label", name: { default: "Label" }, type: "string", required: true, maxLength: 8 },
        {
          identifier: "enabled",
          name: { default: "Enabled" },
          type: "bool",
          required: true,
          boolLabels: { true: { default: "On" }, false: { default: "Off", "zh-CN": "关" } },
          default: false,
        },
        {
          identifier: "mode",
          name: { default: "Mode" },
          type: "enum",
          required: true,
          enumValueType: "int",
          enumOptions: [
            { value: 0, label: { default: "Eco" } },
            { value: 1, label: { default: "Normal", "zh-CN": "正常" } },
            { value: 2, label: { default: "Boost" } },
          ],
          default: 1,
        },
        {
          identifier: "level",
          name: { default: "Level" },
          type: "enum",
          required: true,
          enumValueType: "string",
          enumOptions: [
            { value: "low", label: { default: "Low" } },
            { value: "high", label: { default: "High" } },
          ],
        },
        { identifier: "day", name: { default: "Day" }, type: "date", required: true },
        { identifier: "at", name: { default: "At" }, type: "timestamp", required: true },
        { identifier: "firmware", name: { default: "Firmware" }, type: "file", required: true },
        {
          identifier: "config",
          name: { default: "Config" },
          type: "struct",
          required: true,
          members: [
            { identifier: "int11", name: { default: "Int 11" }, type: "int", required: true, unit: { id: "rpm" }, ...INT32 },
            {
              identifier: "items",
              name: { default: "Items" },
              type: "array",
              required: false,
              items: { identifier: "", name: { default: "Item" }, type: "double", required: true },
            },
          ],
        },
        {
          identifier: "points",
          name: { default: "Points" },
          type: "array",
          required: true,
          items: { identifier: "", name: { default: "Item" }, type: "int", required: true, ...INT32 },
        },
      ],
      outputs: [
        { identifier: "result", name: { default: "Result" }, type: "string", required: false, maxLength: 64 },
        { identifier: "code", name: { default: "Code" }, type: "int", required: false, ...INT32 },
      ],
      warnings: [],
    };
    expect(configure).toEqual(expected);
  });

  it("degrades broken parts to json with warnings, never throwing", () => {
    expect(broken?.callType).toBe("async");
    expect(broken?.inputs.map((p) => [p.identifier, p.type])).toEqual([
      ["weird", "json"],
      ["badEnum", "json"],
      ["emptyEnum", "json"],
      ["noItemType", "json"],
      ["badLabel", "bool"],
    ]);
    expect(broken?.inputs[0]?.warning).toBe("unknown data type “DECIMAL”");
    expect(broken?.inputs[1]?.warning).toBe("dataDefinition is not valid JSON");
    expect(broken?.inputs[2]).toMatchObject({ name: { default: "emptyEnum" }, warning: "enum without values (enumDesc)" });
    expect(broken?.warnings).toEqual([
      "Input “weird”: unknown data type “DECIMAL”; it is handled as raw JSON.",
      "Input “badEnum”: dataDefinition is not valid JSON; it is handled as raw JSON.",
      "Input “emptyEnum”: enum without values (enumDesc); it is handled as raw JSON.",
      "Input “noItemType”: array without itemType; it is handled as raw JSON.",
      "Input “badLabel”: dataDefinition is not valid JSON; it was ignored.",
      "Input: an entry without an identifier was ignored.",
      "Input: an entry without an identifier was ignored.",
      "Input: “weird” is defined twice; the second one was ignored.",
      "Output: the data list is not a list in the thing model; it was ignored.",
    ]);
  });

  it("names struct members by dotted path in warnings", () => {
    const [svc] = enosServices({
      services: {
        s: {
          inputData: [{ identifier: "cfg", dataType: "STRUCT", dataDefinition: { items: [{ identifier: "x", dataType: "BLOB" }] } }],
        },
      },
    });
    expect(svc?.warnings).toEqual(["Input “cfg.x”: unknown data type “BLOB”; it is handled as raw JSON."]);
    expect(svc?.inputs[0]?.members?.[0]).toMatchObject({ type: "json", required: false });
  });

  it("accepts anything as a model", () => {
    expect(enosServices(null)).toEqual([]);
    expect(enosServices({ services: null })).toEqual([]);
    expect(enosServices("x")).toEqual([]);
    const [svc] = enosServices({ services: { lone: 42 } });
    expect(svc).toMatchObject({ identifier: "lone", name: { default: "lone" }, callType: "sync", inputs: [], outputs: [] });
    expect(svc?.warnings).toHaveLength(1);
  });

  it("infers an INT enum from integer keys when enumType is missing", () => {
    const [svc] = enosServices({
      services: { s: { inputData: [{ identifier: "e", dataType: "enum", dataDefinition: { enumDesc: { "1": "One", "2": "Two" } } }] } },
    });
    expect(svc?.inputs[0]).toMatchObject({ type: "enum", enumValueType: "int", enumOptions: [{ value: 1 }, { value: 2 }] });
  });

  it("degrades an INT enum whose keys are not integers", () => {
    const [svc] = enosServices({
      services: { s: { inputData: [{ identifier: "e", dataType: "ENUM", dataDefinition: { enumType: "INT", enumDesc: { a: "A" } } }] } },
    });
    expect(svc?.inputs[0]?.type).toBe("json");
  });

  it("reads hand-written definitions: quoted numbers and bool defaults, \"null\" definitions, every array item type", () => {
    const [svc] = enosServices({
      services: {
        s: {
          inputData: [
            { identifier: "t", dataType: "STRING", dataDefinition: '{"maxLength":"64"}' },
            { identifier: "b", dataType: "BOOL", dataDefinition: '{"boolDesc":{"true":"Yes","false":"No"},"defaultValue":"true"}' },
            { identifier: "d", dataType: "DATE", dataDefinition: "null" },
            { identifier: "f", dataType: "FILE", dataDefinition: "{}" },
            { identifier: "fl", dataType: "ARRAY", dataDefinition: '{"itemType":"FLOAT"}' },
            { identifier: "st", dataType: "ARRAY", dataDefinition: { itemType: "string" } },
            { identifier: "n", dataType: "DOUBLE", dataDefinition: { min: "0", max: "9.5", step: "0.5", defaultValue: "1.5" } },
          ],
        },
      },
    });
    const [t, b, d, f, fl, st, n] = svc?.inputs ?? [];
    expect(t).toMatchObject({ type: "string", maxLength: 64 });
    expect(b).toMatchObject({ type: "bool", default: true, boolLabels: { true: { default: "Yes" }, false: { default: "No" } } });
    expect(d).toMatchObject({ type: "date" });
    expect(f).toMatchObject({ type: "file" });
    expect(fl?.items).toMatchObject({ type: "float" });
    expect(st?.items).toMatchObject({ type: "string" });
    expect(n).toMatchObject({ type: "double", min: 0, max: 9.5, step: 0.5, default: 1.5 });
    expect(svc?.warnings).toEqual([]);
  });

  it("honours explicit required flags", () => {
    const [svc] = enosServices({ services: { s: { inputData: [{ identifier: "x", dataType: "INT", required: false }] } } });
    expect(svc?.inputs[0]?.required).toBe(false);
  });
});

describe("i18nFromEnos", () => {
  it("maps StringI18n locales and falls back for the default", () => {
    expect(i18nFromEnos({ defaultValue: "Pump", i18nValue: { zh_CN: "泵", en_US: "Pump" } })).toEqual({
      default: "Pump",
      "en-US": "Pump",
      "zh-CN": "泵",
    });
    expect(i18nFromEnos({ i18nValue: { zh_CN: "泵" } })).toEqual({ default: "泵", "zh-CN": "泵" });
    expect(i18nFromEnos({ defaultValue: "", i18nValue: null })).toBeUndefined();
    expect(i18nFromEnos("Plain")).toEqual({ default: "Plain" });
    expect(i18nFromEnos(7)).toBeUndefined();
  });
});

describe("unitFromEnos", () => {
  it("reads objects and bare strings", () => {
    expect(unitFromEnos({ unitId: "°C", multiplier: "MILLI" })).toEqual({ id: "°C", multiplier: "MILLI" });
    expect(unitFromEnos({ unitId: "°C", multiplier: "ONE" })).toEqual({ id: "°C" });
    expect(unitFromEnos("rpm")).toEqual({ id: "rpm" });
    expect(unitFromEnos(null)).toBeUndefined();
    expect(unitFromEnos({ multiplier: "KILO" })).toBeUndefined();
  });
});
