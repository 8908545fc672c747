import { describe, expect, it } from "vitest";
import { enosServices } from "./enos";
import { everyTypeModel } from "./testing/enos-model.fixture";
import type { ServiceSpec } from "./types";
import { validateInput } from "./validate";

const [configure, broken] = enosServices(everyTypeModel);
if (!configure || !broken) throw new Error("fixture services missing");

const valid = {
  speed: 1500,
  ratio: 0.5,
  power: 2.25,
  label: "pump-1",
  enabled: true,
  mode: 2,
  level: "high",
  day: "2019-05-06",
  at: 1700000000000,
  firmware: "ftp://a.com/demo.txt",
  config: { int11: 1, items: [1.5, 2] },
  points: [1, 2, 3],
};

function issuesOf(spec: ServiceSpec, input: unknown) {
  const result = validateInput(spec, input);
  return result.ok ? [] : result.issues;
}

describe("validateInput", () => {
  it("accepts a valid input and returns a detached copy", () => {
    const result = validateInput(configure, valid);
    expect(result).toEqual({ ok: true, value: valid });
    if (result.ok) expect(result.value).not.toBe(valid);
  });

  it("rejects an out-of-range INT", () => {
    expect(issuesOf(configure, { ...valid, speed: 2147483648 })).toEqual([
      { path: "speed", message: "must be a 32-bit integer" },
    ]);
    expect(issuesOf(configure, { ...valid, speed: 1.5 })).toEqual([
      { path: "speed", message: "must be a 32-bit integer" },
    ]);
  });

  it("rejects unknown and missing parameters", () => {
    const { label: _label, ...rest } = valid;
    expect(issuesOf(configure, { ...rest, extra: 1 })).toEqual([
      { path: "label", message: "is required" },
      { path: "extra", message: "unknown parameter" },
    ]);
  });

  it("lists enum options", () => {
    expect(issuesOf(configure, { ...valid, mode: 3 })).toEqual([{ path: "mode", message: "must be one of: 0 (Eco), 1 (Normal), 2 (Boost)" }]);
    expect(issuesOf(configure, { ...valid, mode: "1" })).toEqual([{ path: "mode", message: "must be one of: 0 (Eco), 1 (Normal), 2 (Boost)" }]);
    expect(issuesOf(configure, { ...valid, level: "mid" })).toEqual([{ path: "level", message: "must be one of: low (Low), high (High)" }]);
  });

  it("checks bools with their labels", () => {
    expect(issuesOf(configure, { ...valid, enabled: "true" })).toEqual([{ path: "enabled", message: "must be true (On) or false (Off)" }]);
  });

  it("checks string length", () => {
    expect(issuesOf(configure, { ...valid, label: "123456789" })).toEqual([{ path: "label", message: "must be a string of at most 8 characters" }]);
  });

  it("checks dates, timestamps and floats", () => {
    expect(issuesOf(configure, { ...valid, day: "06/05/2019", at: "now", ratio: "x" })).toEqual([
      { path: "ratio", message: "must be a number" },
      { path: "day", message: "must be a date in the form YYYY-MM-DD" },
      { path: "at", message: "must be a whole number of milliseconds since 1970-01-01 UTC" },
    ]);
  });

  it("names nested fields in dotted form", () => {
    expect(issuesOf(configure, { ...valid, config: { items: [1, 2, "x"], other: true }, points: [1, 2.5] })).toEqual([
      { path: "config.int11", message: "is required" },
      { path: "config.other", message: "unknown parameter" },
      { path: "config.items.2", message: "must be a number" },
      { path: "points.1", message: "must be a 32-bit integer" },
    ]);
  });

  it("rejects non-object input", () => {
    for (const input of [null, [], "x", 5, undefined]) {
      expect(issuesOf(configure, input)).toEqual([{ path: "", message: "must be an object of parameter values" }]);
    }
    expect(issuesOf(configure, new Date())).toHaveLength(1);
  });

  it("guards against prototype pollution keys", () => {
    const polluted = JSON.parse('{"speed":1,"__proto__":{"admin":true},"config":{"constructor":{"prototype":{}}}}') as unknown;
    expect(issuesOf(configure, polluted)).toEqual(
      expect.arrayContaining([
        { path: "__proto__", message: "is not an allowed parameter name" },
        { path: "config.constructor", message: "is not an allowed parameter name" },
      ]),
    );
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("rejects values JSON cannot carry", () => {
    expect(issuesOf(configure, { ...valid, ratio: Number.NaN })).toEqual([{ path: "ratio", message: "must be a finite number" }]);
    expect(issuesOf(broken, { weird: { f: () => 1 } })).toEqual(expect.arrayContaining([{ path: "weird.f", message: "must be plain JSON data" }]));
  });

  it("accepts any JSON for degraded params", () => {
    const spec: ServiceSpec = { ...broken, inputs: broken.inputs.slice(0, 1) };
    expect(validateInput(spec, { weird: { a: [1, "b", null] } }).ok).toBe(true);
  });

  it("reuses the compiled schema for equal specs", () => {
    const copy = structuredClone(configure);
    expect(validateInput(copy, valid).ok).toBe(true);
    expect(validateInput(copy, { ...valid, speed: -1 }).ok).toBe(true);
  });
});
