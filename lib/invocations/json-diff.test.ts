import { describe, expect, it } from "vitest";
import { diffJson } from "./json-diff";

describe("diffJson", () => {
  it("finds nothing between equal values", () => {
    expect(diffJson({ a: 1, b: [1, { c: "x" }] }, { b: [1, { c: "x" }], a: 1 })).toEqual([]);
  });

  it("names changed, added and removed values by path", () => {
    const before = { speed: 1200, mode: 1, nested: { a: [1, 2, 3], gone: true } };
    const after = { speed: 1250, mode: 1, nested: { a: [1, 5] }, extra: "new" };
    expect(diffJson(before, after)).toEqual([
      { path: "speed", kind: "changed", before: 1200, after: 1250 },
      { path: "nested.a[1]", kind: "changed", before: 2, after: 5 },
      { path: "nested.a[2]", kind: "removed", before: 3 },
      { path: "nested.gone", kind: "removed", before: true },
      { path: "extra", kind: "added", after: "new" },
    ]);
  });

  it("quotes keys that are not identifiers and compares whole values of different shapes", () => {
    expect(diffJson({ "a b": 1, x: [1] }, { "a b": 2, x: { 0: 1 } })).toEqual([
      { path: '["a b"]', kind: "changed", before: 1, after: 2 },
      { path: "x", kind: "changed", before: [1], after: { 0: 1 } },
    ]);
    expect(diffJson(null, { a: 1 })).toEqual([{ path: "", kind: "changed", before: null, after: { a: 1 } }]);
  });
});
