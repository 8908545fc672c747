import { describe, expect, it } from "vitest";
import { checkInputData } from "./input-check";
import { compileParam, type ParamSpec } from "./thing-model";

const spec = (dp: Record<string, unknown>): ParamSpec => compileParam(dp, "test");

const SPECS: ParamSpec[] = [
  spec({ identifier: "count", dataType: "INT" }),
  spec({ identifier: "ratio", dataType: "FLOAT" }),
  spec({ identifier: "precise", dataType: "DOUBLE" }),
  spec({ identifier: "label", dataType: "STRING", dataDefinition: '{"maxLength":4}' }),
  spec({ identifier: "on", dataType: "BOOL" }),
  spec({
    identifier: "mode",
    dataType: "ENUM",
    dataDefinition: { enumType: "INT", enumDesc: { "0": { defaultValue: "a" }, "2": { defaultValue: "b" } } },
  }),
  spec({ identifier: "color", dataType: "ENUM", dataDefinition: { enumType: "STRING", enumDesc: { red: {}, blue: {} } } }),
  spec({ identifier: "day", dataType: "DATE" }),
  spec({ identifier: "at", dataType: "TIMESTAMP" }),
  spec({ identifier: "list", dataType: "ARRAY", dataDefinition: { itemType: "INT" } }),
  spec({ identifier: "names", dataType: "ARRAY", dataDefinition: '{"itemType":"STRING"}' }),
  spec({ identifier: "file", dataType: "FILE" }),
  spec({
    identifier: "box",
    dataType: "STRUCT",
    dataDefinition: {
      items: [
        { identifier: "w", dataType: "INT", required: true },
        { identifier: "note", dataType: "STRING", dataDefinition: { maxLength: 2 }, required: false },
      ],
    },
  }),
];

const check = (input: Record<string, unknown>) => checkInputData(SPECS, input);

describe("checkInputData", () => {
  it("accepts valid values of every type, and missing top-level parameters", () => {
    expect(
      check({
        count: -5, ratio: 1.5, precise: 2, label: "abcd", on: 1, mode: 2, color: "red", day: "2019-05-06",
        at: 1700000000000, list: [1, 2], names: ["a"], file: "ftp://a.com/demo.txt", box: { w: 1, note: "ok" },
      }),
    ).toBeNull();
    expect(check({})).toBeNull();
    expect(check({ on: true, day: "2019-05-06 10:00:00" })).toBeNull();
    expect(check({ day: "2020-02-29" })).toBeNull();
  });

  it.each([
    [{ nope: 1 }, "inputData.nope: unknown parameter"],
    [{ count: 1.5 }, "inputData.count: must be a 32-bit integer"],
    [{ count: 2 ** 31 }, "inputData.count: must be a 32-bit integer"],
    [{ count: "1" }, "inputData.count: must be a 32-bit integer"],
    [{ ratio: "1.0" }, "inputData.ratio: must be a finite number"],
    [{ label: "abcde" }, "inputData.label: must be at most 4 characters"],
    [{ label: 1 }, "inputData.label: must be a string"],
    [{ on: 2 }, "inputData.on: must be a boolean (true/false or 0/1)"],
    [{ on: "true" }, "inputData.on: must be a boolean"],
    [{ mode: 1 }, "inputData.mode: must be one of 0, 2"],
    [{ mode: "0" }, "inputData.mode: must be one of 0, 2"],
    [{ color: "green" }, 'inputData.color: must be one of "red", "blue"'],
    [{ day: "2019-13-01" }, "inputData.day: must be a date string"],
    [{ day: "2019-02-29" }, "inputData.day: must be a date string"],
    [{ day: "2019-04-31" }, "inputData.day: must be a date string"],
    [{ day: "2019-5-6" }, "inputData.day: must be a date string"],
    [{ at: -1 }, "inputData.at: must be an integer epoch time in ms"],
    [{ list: [1, "2"] }, "inputData.list[1]: must be a 32-bit integer"],
    [{ names: [1] }, "inputData.names[0]: must be a string"],
    [{ list: 1 }, "inputData.list: must be an array"],
    [{ file: 3 }, "inputData.file: must be a file URL string"],
    [{ box: [] }, "inputData.box: must be an object"],
    [{ box: {} }, "inputData.box.w: required"],
    [{ box: { w: 1, x: 1 } }, "inputData.box.x: unknown member"],
    [{ box: { w: 1, note: "abc" } }, "inputData.box.note: must be at most 2 characters"],
  ])("refuses %j", (input, message) => {
    expect(check(input)).toContain(message);
  });
});

describe("compileParam", () => {
  it("keeps a datapoint with an unreadable dataDefinition UNCHECKED, naming the bad path", () => {
    expect(compileParam({ identifier: "x", dataType: "STRING", dataDefinition: "{bad" }, "inputData[0]")).toEqual({
      id: "x",
      required: false,
      type: "UNCHECKED",
      problem: "inputData[0].dataDefinition: not valid JSON",
    });
    expect(compileParam({ identifier: "x", dataType: "ENUM", dataDefinition: {} }, "p")).toMatchObject({
      type: "UNCHECKED",
      problem: expect.stringContaining("p.dataDefinition.enumDesc"),
    });
    expect(compileParam({ identifier: "x", dataType: "ARRAY", dataDefinition: { itemType: "ARRAY" } }, "p")).toMatchObject({
      type: "UNCHECKED",
      problem: expect.stringContaining("p.dataDefinition.itemType"),
    });
  });

  it("still refuses a datapoint without an identifier", () => {
    expect(() => compileParam({ dataType: "INT" }, "p")).toThrow("p.identifier");
  });
});

describe("UNCHECKED datapoints", () => {
  const specs = [spec({ identifier: "table", dataType: "STRUCT", dataDefinition: "{items: [" }), spec({ identifier: "n", dataType: "INT" })];

  it("accept any JSON value while the rest of the input is still checked", () => {
    expect(checkInputData(specs, { table: { a: [1, "x", null] }, n: 1 })).toBeNull();
    expect(checkInputData(specs, { table: "anything" })).toBeNull();
    expect(checkInputData(specs, { table: 1, n: 1.5 })).toContain("inputData.n: must be a 32-bit integer");
  });
});
