import { describe, expect, it } from "vitest";
import { enosServices } from "./enos";
import { everyTypeModel } from "./testing/enos-model.fixture";
import { aliyunServices } from "./aliyun";
import { everyTypeTsl } from "./testing/aliyun-tsl.fixture";
import { decimalText, encodeParams, toAliyunArgs, toEnosWire } from "./wire";

const [configure] = enosServices(everyTypeModel);
if (!configure) throw new Error("fixture service missing");

describe("toEnosWire", () => {
  it("sends values as JSON, dates as strings and timestamps as numbers", () => {
    const wire = toEnosWire(configure, {
      speed: 1500,
      ratio: 10,
      day: new Date("2019-05-06T00:00:00Z"),
      at: new Date(1700000000000),
      mode: "2",
      config: { int11: 1, items: [1.5] },
      points: [1, 2],
    });
    expect(JSON.stringify(wire)).toBe(
      '{"speed":1500,"ratio":10,"mode":2,"day":"2019-05-06","at":1700000000000,"config":{"int11":1,"items":[1.5]},"points":[1,2]}',
    );
  });

  it("keeps only declared params, in model order, and drops undefined", () => {
    expect(toEnosWire(configure, { label: "x", speed: 1, nope: 2, ratio: undefined })).toEqual({ speed: 1, label: "x" });
  });
});

describe("encodeParams", () => {
  it("walks structs and arrays for a platform's scalar rule", () => {
    const seen: string[] = [];
    encodeParams(configure.inputs, { config: { int11: 1, items: [2] }, points: [3] }, (p, v) => {
      seen.push(`${p.type}:${String(v)}`);
      return v;
    });
    expect(seen).toEqual(["int:1", "double:2", "int:3"]);
  });
});

describe("toAliyunArgs", () => {
  const [, configure] = aliyunServices(everyTypeTsl);
  if (!configure) throw new Error("fixture service missing");

  it("keeps a decimal point on float/double values, also inside structs and arrays", () => {
    const args = toAliyunArgs(configure, {
      level: 10,
      gamma: 10,
      power: -2.5,
      label: "a \"b\" 灯",
      when: 1536228947682,
      enabled: true,
      mode: 1,
      zone: { x: 3, y: 4 },
      points: [1, 2.25, 0],
      pairs: [{ k: "a", v: 7 }],
    });
    expect(args).toBe(
      '{"level":10,"gamma":10.0,"power":-2.5,"label":"a \\"b\\" 灯","when":"1536228947682","enabled":1,"mode":1,' +
        '"zone":{"x":3.0,"y":4},"points":[1.0,2.25,0.0],"pairs":[{"k":"a","v":7.0}]}',
    );
    expect(JSON.parse(args)).toMatchObject({ gamma: 10, zone: { x: 3 } });
  });

  it("sends false as 0, dates from Date or YYYY-MM-DD as epoch-ms strings, and {} without inputs", () => {
    expect(toAliyunArgs(configure, { enabled: false, when: new Date(1000) })).toBe('{"when":"1000","enabled":0}');
    expect(toAliyunArgs(configure, { when: "2024-05-06" })).toBe('{"when":"1714953600000"}');
    expect(toAliyunArgs({ ...configure, inputs: [] }, { anything: 1 })).toBe("{}");
  });

  it("prints exponents with a decimal point and refuses non-finite numbers", () => {
    expect(decimalText(1e21)).toBe("1.0e+21");
    expect(decimalText(1e-7)).toBe("1.0e-7");
    expect(decimalText(-0)).toBe("0.0");
    expect(decimalText(0.1)).toBe("0.1");
    expect(() => decimalText(Number.NaN)).toThrow(RangeError);
  });
});
