// A ThingModel exercising every EnOS data type and each dataDefinition shape (JSON string, object,
// absent, null), plus a few broken parts. Shared by the thing-model tests.
export const everyTypeModel = {
  modelId: "model_every_type",
  modelIdPath: "/model_every_type",
  orgId: "o15000000000001",
  name: { defaultValue: "Every type", i18nValue: { en_US: "Every type", zh_CN: "全类型" } },
  services: {
    configure: {
      identifier: "configure",
      name: { defaultValue: "Configure", i18nValue: { en_US: "Configure", zh_CN: "配置" } },
      desc: "Set everything at once",
      callType: "SYNC",
      isStdElement: false,
      stdElementId: null,
      inputData: [
        { identifier: "speed", name: { defaultValue: "Speed", i18nValue: { zh_CN: "转速" } }, dataType: "INT", dataDefinition: null, unit: { unitId: "rpm", multiplier: "ONE" } },
        { identifier: "ratio", name: { defaultValue: "Ratio" }, dataType: "FLOAT", unit: null },
        { identifier: "power", name: { defaultValue: "Power" }, dataType: "DOUBLE", dataDefinition: "", unit: { unitId: "W", multiplier: "KILO" } },
        { identifier: "label", name: { defaultValue: "Label" }, dataType: "STRING", dataDefinition: '{"maxLength":8}' },
        { identifier: "enabled", name: { defaultValue: "Enabled" }, dataType: "BOOL", dataDefinition: { boolDesc: { true: "On", false: { defaultValue: "Off", i18nValue: { zh_CN: "关" } } }, defaultValue: false } },
        {
          identifier: "mode",
          name: { defaultValue: "Mode" },
          dataType: "ENUM",
          dataDefinition: JSON.stringify({
            enumDesc: { "0": { defaultValue: "Eco" }, "1": { defaultValue: "Normal", i18nValue: { zh_CN: "正常" } }, "2": { defaultValue: "Boost" } },
            enumType: "INT",
            defaultValue: "1",
          }),
        },
        { identifier: "level", name: { defaultValue: "Level" }, dataType: "ENUM", dataDefinition: { enumDesc: { low: "Low", high: { defaultValue: "High" } }, enumType: "STRING" } },
        { identifier: "day", name: { defaultValue: "Day" }, dataType: "DATE", dataDefinition: null },
        { identifier: "at", name: { defaultValue: "At" }, dataType: "TIMESTAMP" },
        { identifier: "firmware", name: { defaultValue: "Firmware" }, dataType: "FILE" },
        {
          identifier: "config",
          name: { defaultValue: "Config" },
          dataType: "STRUCT",
          dataDefinition: JSON.stringify({
            items: [
              { identifier: "int11", name: { defaultValue: "Int 11" }, dataType: "INT", dataDefinition: null, unit: "rpm", required: true },
              { identifier: "items", name: { defaultValue: "Items" }, dataType: "ARRAY", dataDefinition: '{"itemType":"DOUBLE"}', required: false },
            ],
          }),
        },
        { identifier: "points", name: { defaultValue: "Points" }, dataType: "ARRAY", dataDefinition: { itemType: "INT" } },
      ],
      outputData: [
        { identifier: "result", name: { defaultValue: "Result" }, dataType: "STRING", dataDefinition: '{"maxLength":64}' },
        { identifier: "code", name: { defaultValue: "Code" }, dataType: "INT" },
      ],
    },
    broken: {
      identifier: "broken",
      name: { defaultValue: "Broken" },
      callType: "ASYNC",
      inputData: [
        { identifier: "weird", name: { defaultValue: "Weird" }, dataType: "DECIMAL" },
        { identifier: "badEnum", name: { defaultValue: "Bad enum" }, dataType: "ENUM", dataDefinition: "{not json" },
        { identifier: "emptyEnum", dataType: "ENUM", dataDefinition: { enumDesc: {} } },
        { identifier: "noItemType", dataType: "ARRAY", dataDefinition: {} },
        { identifier: "badLabel", dataType: "BOOL", dataDefinition: "{oops" },
        { name: { defaultValue: "No identifier" }, dataType: "INT" },
        "not an object",
        { identifier: "weird", dataType: "INT" },
      ],
      outputData: "nope",
    },
  },
};
