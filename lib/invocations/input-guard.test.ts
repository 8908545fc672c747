import { describe, expect, it } from "vitest";
import { INPUT_LIMITS, inputShapeIssues, isWellFormedText } from "./input-guard";

describe("input shape guard", () => {
  it("accepts the inputs thing models take", () => {
    expect(inputShapeIssues({ mode: 2, enabled: true, speed: 1200.5, label: "水泵 e2e", list: [1, 2], s: { a: null } })).toEqual([]);
  });

  it("refuses prototype keys, even as own properties", () => {
    const input = JSON.parse('{"__proto__": {"polluted": 1}, "a": {"constructor": 1}, "prototype": 2}') as unknown;
    expect(inputShapeIssues(input).map((i) => i.path)).toEqual(["__proto__", "a.constructor", "prototype"]);
  });

  it("stops at the depth limit without recursing into the rest", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputShapeIssues(deep)).toEqual([{ path: "input", message: `is nested more than ${INPUT_LIMITS.depth} levels deep` }]);
  });

  it("refuses unpaired surrogates in values and names, huge strings and non-JSON values", () => {
    expect(isWellFormedText("ok \uD83D\uDE00")).toBe(true);
    expect(isWellFormedText("\uD800")).toBe(false);
    expect(isWellFormedText("x\uDC00")).toBe(false);
    expect(inputShapeIssues({ a: "\uD800" })[0]?.path).toBe("a");
    expect(inputShapeIssues({ ["\uDFFF"]: 1 })[0]?.message).toMatch(/Unicode/);
    expect(inputShapeIssues({ a: "x".repeat(INPUT_LIMITS.stringLength + 1) })[0]?.message).toMatch(/longer than/);
    expect(inputShapeIssues({ a: Number.NaN, b: 1n, c: () => 1, d: new Date(0) }).map((i) => i.path)).toEqual(["a", "b", "c", "d"]);
  });

  it("bounds the number of values and total characters", () => {
    expect(inputShapeIssues({ a: Array.from({ length: INPUT_LIMITS.nodes + 1 }, () => 0) })).toEqual([
      { path: "input", message: `has more than ${INPUT_LIMITS.nodes} values` },
    ]);
    const big = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, "x".repeat(30_000)]));
    expect(inputShapeIssues(big)[0]?.message).toMatch(/characters in all/);
  });
});
