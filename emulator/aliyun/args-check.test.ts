import { describe, expect, it } from "vitest";
import { defaultText, replyDataText } from "./alink";
import { checkArgs } from "./args-check";
import { parseRawJson, RawJsonError } from "./raw-json";
import { compileServices, productModules, TslError } from "./tsl";
import { toXml } from "./xml";

const dt = (type: string, specs: unknown) => ({ type, specs });
const tsl = {
  services: [
    {
      identifier: "configure",
      name: "Configure",
      callType: "sync",
      method: "thing.service.configure",
      inputData: [
        { identifier: "level", name: "Level", dataType: dt("int", { min: "0", max: "100" }) },
        { identifier: "gamma", name: "Gamma", dataType: dt("float", { min: "0.1", max: "5" }) },
        { identifier: "label", name: "Label", dataType: dt("text", { length: "3" }) },
        { identifier: "when", name: "When", dataType: dt("date", {}) },
        { identifier: "on", name: "On", dataType: dt("bool", { "0": "off", "1": "on" }) },
        { identifier: "mode", name: "Mode", dataType: dt("enum", { "0": "a", "2": "b" }) },
        { identifier: "zone", name: "Zone", dataType: dt("struct", [{ identifier: "x", name: "X", dataType: dt("double", {}) }]) },
        { identifier: "pts", name: "Points", dataType: dt("array", { size: "2", item: { type: "float" } }) },
      ],
      outputData: [
        { identifier: "gamma", name: "Gamma", dataType: dt("float", { min: "0.1", max: "5" }) },
        { identifier: "level", name: "Level", dataType: dt("int", { min: "10", max: "100" }) },
        { identifier: "zone", name: "Zone", dataType: dt("struct", [{ identifier: "x", name: "X", dataType: dt("double", {}) }]) },
      ],
    },
  ],
};
const services = compileServices(productModules({ tsl, modules: [{ functionBlockId: "fb", tsl: { services: [{ ...tsl.services[0], identifier: "cal" }] } }] }, "p"), "p");
const configure = services.get("configure")!;
const check = (args: string) => checkArgs(configure.inputs, parseRawJson(args));

describe("checkArgs", () => {
  it("accepts valid Args, floats written with a decimal point", () => {
    expect(check('{"level":5,"gamma":1.0,"label":"abc","when":"1536228947682","on":1,"mode":2,"zone":{"x":-3.5},"pts":[1.0,2.5e0]}')).toBeNull();
    expect(check("{}")).toBeNull();
  });

  it.each([
    ['{"gamma":1}', "Args.gamma: float must be written with a decimal point (1.0, not 1)"],
    ['{"zone":{"x":2}}', "Args.zone.x: double must be written with a decimal point (2.0, not 2)"],
    ['{"pts":[1.0,3]}', "Args.pts[1]: float must be written with a decimal point (3.0, not 3)"],
    ['{"gamma":9.0}', "Args.gamma: 9 is outside 0.1..5"],
    ['{"level":5.0}', "Args.level: int must be an integer number"],
    ['{"level":101}', "Args.level: 101 is outside 0..100"],
    ['{"label":"abcd"}', "Args.label: text is longer than 3 characters"],
    ['{"when":1536228947682}', 'Args.when: date must be a string of UTC epoch milliseconds, e.g. "1536228947682"'],
    ['{"on":true}', "Args.on: bool must be one of 0, 1 (an integer)"],
    ['{"mode":1}', "Args.mode: enum must be one of 0, 2 (an integer)"],
    ['{"zone":{"y":1.0}}', "Args.zone.y: not a defined struct member"],
    ['{"pts":[1.0,2.0,3.0]}', "Args.pts: array has 3 items, at most 2 allowed"],
    ['{"nope":1}', "Args.nope: not a defined input parameter"],
    ["[1]", "Args: must be a JSON object"],
  ])("refuses %s", (args, problem) => {
    expect(check(args)).toBe(problem);
  });

  it("qualifies custom-module services and refuses bad JSON", () => {
    expect([...services.keys()]).toEqual(["configure", "fb:cal"]);
    expect(services.get("fb:cal")?.topicSuffix).toBe("fb:cal");
    expect(() => parseRawJson('{"a":1,"a":2}')).toThrow(RawJsonError);
    expect(() => parseRawJson('{"a":01}')).toThrow(RawJsonError);
    expect(() => parseRawJson('{"a":1} x')).toThrow(RawJsonError);
  });

  it("rejects malformed TSL with the path", () => {
    const bad = { services: [{ identifier: "s", callType: "sync", inputData: [{ identifier: "e", dataType: dt("enum", { x: "1" }) }] }] };
    expect(() => compileServices(productModules({ tsl: bad }, "products[0]"), "products[0]")).toThrow(
      new TslError("products[0].tsl.services[0].inputData[0].dataType.specs: keys must be integers"),
    );
  });
});

describe("device replies", () => {
  it("echo valid same-named inputs as written and default the rest, floats with a point", () => {
    const params = parseRawJson('{"gamma":2.0,"level":5,"zone":{"x":1.0}}');
    if (params.kind !== "object") throw new Error("object expected");
    expect(replyDataText(configure.outputs, params.members)).toBe('{"gamma":2.0,"level":10,"zone":{"x":1.0}}');
    expect(defaultText(configure.outputs[0]!)).toBe("0.1");
    expect(defaultText(configure.outputs[2]!)).toBe('{"x":0.0}');
  });
});

describe("toXml", () => {
  it("repeats list items under their key and escapes text", () => {
    expect(toXml("R", { Success: true, Data: { List: { Item: [{ A: "x<y&z" }, { A: '"q"' }] }, Empty: null } })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<R><Success>true</Success><Data><List><Item><A>x&lt;y&amp;z</A></Item><Item><A>"q"</A></Item></List></Data></R>',
    );
  });
});
