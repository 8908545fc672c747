// Alibaba TSL documents for tests: every data type with its specs (values as strings, the way the
// platform writes them), the generated `get` service, a custom module and a few malformed parts.

const int = (min: string, max: string, extra: Record<string, string> = {}) => ({ type: "int", specs: { min, max, step: "1", ...extra } });

export const everyTypeTsl = {
  schema: "https://iotx-tsl.oss-ap-southeast-1.aliyuncs.com/schema.json",
  profile: { version: "1.0", productKey: "a1Every" },
  properties: [],
  events: [],
  services: [
    {
      identifier: "get",
      name: "get",
      required: true,
      callType: "async",
      desc: "属性获取",
      method: "thing.service.property.get",
      inputData: ["brightness", "gamma"],
      outputData: [],
    },
    {
      identifier: "configure",
      name: "Configure",
      required: false,
      callType: "sync",
      desc: "Everything at once",
      method: "thing.service.configure",
      inputData: [
        { identifier: "level", name: "Level", dataType: int("0", "100", { unit: "%", unitName: "百分比" }) },
        { identifier: "gamma", name: "Gamma", dataType: { type: "float", specs: { min: "0.1", max: "5.0", step: "0.1" } } },
        { identifier: "power", name: "Power", dataType: { type: "double", specs: { min: "-1000", max: "1000", step: "0.01", unit: "kW", unitName: "千瓦" } } },
        { identifier: "label", name: "Label", dataType: { type: "text", specs: { length: "20" } } },
        { identifier: "when", name: "When", dataType: { type: "date", specs: {} } },
        { identifier: "enabled", name: "Enabled", dataType: { type: "bool", specs: { "0": "off", "1": "on" } } },
        { identifier: "mode", name: "Mode", dataType: { type: "enum", specs: { "0": "heat", "1": "cool", "2": "auto" } } },
        {
          identifier: "zone",
          name: "Zone",
          dataType: {
            type: "struct",
            specs: [
              { identifier: "x", name: "X", dataType: { type: "float", specs: { min: "-10", max: "10", step: "0.5" } } },
              { identifier: "y", name: "Y", dataType: int("0", "9") },
            ],
          },
        },
        { identifier: "points", name: "Points", dataType: { type: "array", specs: { size: "4", item: { type: "double" } } } },
        {
          identifier: "pairs",
          name: "Pairs",
          dataType: {
            type: "array",
            specs: {
              size: "2",
              item: { type: "struct", specs: [{ identifier: "k", name: "K", dataType: { type: "text", specs: { length: "8" } } }, { identifier: "v", name: "V", dataType: { type: "float", specs: {} } }] },
            },
          },
        },
      ],
      outputData: [{ identifier: "level", name: "Level", dataType: int("0", "100") }],
    },
    {
      identifier: "broken",
      name: "Broken",
      callType: "weird",
      method: "thing.service.broken",
      inputData: [
        { identifier: "noType", name: "No type" },
        { identifier: "badEnum", name: "Bad enum", dataType: { type: "enum", specs: { a: "x" } } },
        { identifier: "badStruct", name: "Bad struct", dataType: { type: "struct", specs: { x: 1 } } },
        { identifier: "badArray", name: "Bad array", dataType: { type: "array", specs: { size: "3", item: { type: "bool" } } } },
        { identifier: "strange", name: "Strange", dataType: { type: "quaternion", specs: {} } },
        { identifier: "loose", name: "Loose", dataType: { type: "int", specs: { min: "low", max: 5 } } },
        { name: "no identifier" },
        { identifier: "loose", name: "Twice", dataType: { type: "int" } },
      ],
      outputData: "not a list",
    },
    { name: "service without identifier" },
  ],
};

export const moduleTsl = {
  schema: "https://iotx-tsl.oss-ap-southeast-1.aliyuncs.com/schema.json",
  profile: { productKey: "a1Every" },
  functionBlockId: "testFb",
  functionBlockName: "Test module",
  properties: [],
  events: [],
  services: [
    {
      identifier: "SetMode",
      name: "Set mode",
      callType: "async",
      method: "thing.service.testFb:SetMode",
      inputData: [{ identifier: "temp", name: "Temp", dataType: { type: "float", specs: { min: "0", max: "50" } } }],
      outputData: [],
    },
  ],
};
