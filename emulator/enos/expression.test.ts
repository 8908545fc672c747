import { describe, expect, it } from "vitest";
import { compileFilter, ExpressionError, likeMatches, parseExpression, type FieldSpec } from "./expression";

interface Item {
  key: string;
  status: string;
  names: string[];
}

const FIELDS: Record<string, FieldSpec<Item>> = {
  deviceKey: { ops: ["=", "!=", "in"], values: (i) => [i.key] },
  status: { ops: ["=", "!=", "in"], values: (i) => [i.status] },
  deviceName: { ops: ["like"], values: (i) => i.names },
};

const ITEMS: Item[] = [
  { key: "pump-001", status: "online", names: ["Pump 001", "水泵 001"] },
  { key: "pump-002", status: "offline", names: ["Pump 002", "水泵 002"] },
  { key: "fan-001", status: "online", names: ["Fan 001"] },
];

function keys(expression: string): string[] {
  return ITEMS.filter(compileFilter(expression, FIELDS)).map((i) => i.key);
}

describe("parseExpression", () => {
  it("parses comparisons, lists and precedence (and binds tighter than or)", () => {
    expect(parseExpression("a = 'x' or b = y and c in (1, \"2\")")).toEqual({
      kind: "or",
      left: { kind: "cmp", field: "a", op: "=", values: ["x"] },
      right: {
        kind: "and",
        left: { kind: "cmp", field: "b", op: "=", values: ["y"] },
        right: { kind: "cmp", field: "c", op: "in", values: ["1", "2"] },
      },
    });
  });

  it("reads quotes with escapes and keywords in any case", () => {
    expect(parseExpression("name LIKE 'it''s' AND x != \"a\\\"b\"")).toEqual({
      kind: "and",
      left: { kind: "cmp", field: "name", op: "like", values: ["it's"] },
      right: { kind: "cmp", field: "x", op: "!=", values: ['a"b'] },
    });
  });

  it.each([
    ["", "empty expression"],
    ["deviceKey", "missing operator"],
    ["deviceKey ~ 'a'", "unexpected character '~'"],
    ["deviceKey = 'a", "unterminated string"],
    ["deviceKey in ('a'", "expected ')'"],
    ["(deviceKey = a", "expected ')'"],
    ["deviceKey = a b", "unexpected 'b'"],
    ["exists(deviceTags.x", "expected ')'"],
    ["not exists deviceTags.x", "unsupported operator 'exists'"],
  ])("refuses %j", (text, message) => {
    expect(() => parseExpression(text)).toThrow(ExpressionError);
    expect(() => parseExpression(text)).toThrow(message);
  });
});

describe("compileFilter", () => {
  it("filters with =, !=, in, like, and, or, parentheses", () => {
    expect(keys("deviceKey = 'pump-001'")).toEqual(["pump-001"]);
    expect(keys("status = online")).toEqual(["pump-001", "fan-001"]);
    expect(keys("status != online")).toEqual(["pump-002"]);
    expect(keys("deviceKey in ('pump-002', 'fan-001')")).toEqual(["pump-002", "fan-001"]);
    expect(keys("deviceName like 'pump'")).toEqual(["pump-001", "pump-002"]);
    expect(keys("deviceName like '水泵' and status = online")).toEqual(["pump-001"]);
    expect(keys("status = offline or deviceName like 'fan'")).toEqual(["pump-002", "fan-001"]);
    expect(keys("(status = offline or deviceName like 'fan') and deviceKey = 'fan-001'")).toEqual(["fan-001"]);
  });

  it("refuses unknown fields and operators a field does not take", () => {
    expect(() => compileFilter("color = red", FIELDS)).toThrow("unsupported field 'color'");
    expect(() => compileFilter("deviceName = 'x'", FIELDS)).toThrow("operator '=' is not supported for 'deviceName'");
    expect(() => compileFilter("toString = 'x'", FIELDS)).toThrow("unsupported field");
  });
});

describe("likeMatches", () => {
  it("is a case-insensitive substring match with % wildcards", () => {
    expect(likeMatches("Pump 001", "PUMP")).toBe(true);
    expect(likeMatches("Pump 001", "%mp%01")).toBe(true);
    expect(likeMatches("Pump 001", "p.mp")).toBe(false);
  });
});

describe("ordered fields, exists and wildcard fields", () => {
  interface Cmd {
    id: string;
    at: number;
    tags: Record<string, string>;
  }
  const CMDS: Cmd[] = [
    { id: "a", at: 1000, tags: { site: "north" } },
    { id: "b", at: 2500, tags: {} },
    { id: "c", at: 4000, tags: { site: "south", line: "1" } },
  ];
  // literal "N" denotes the second [N*1000, N*1000+1000)
  const CMD_FIELDS: Record<string, FieldSpec<Cmd>> = {
    at: {
      ops: ["=", "!=", ">", ">=", "<", "<="],
      values: (c) => [String(c.at)],
      ordered: { value: (c) => c.at, range: (l) => (/^\d+$/.test(l) ? { from: Number(l) * 1000, to: Number(l) * 1000 + 1000 } : null) },
    },
    "tags.*": { ops: ["=", "exists"], values: (c, field) => [c.tags[field.slice("tags.".length)]] },
  };
  const ids = (text: string) => CMDS.filter(compileFilter(text, CMD_FIELDS)).map((c) => c.id);

  it("parses comparison operators and exists", () => {
    expect(parseExpression("t >= '2019-08-13 09:00:00' AND not exists(tags.k)")).toEqual({
      kind: "and",
      left: { kind: "cmp", field: "t", op: ">=", values: ["2019-08-13 09:00:00"] },
      right: { kind: "exists", field: "tags.k", negate: true },
    });
  });

  it("compares against the literal's whole range", () => {
    expect(ids("at = 2")).toEqual(["b"]);
    expect(ids("at != 2")).toEqual(["a", "c"]);
    expect(ids("at > 2")).toEqual(["c"]);
    expect(ids("at >= 2")).toEqual(["b", "c"]);
    expect(ids("at < 2")).toEqual(["a"]);
    expect(ids("at <= 2")).toEqual(["a", "b"]);
    expect(ids("at > 0 and at < 4")).toEqual(["a", "b"]);
  });

  it("refuses a literal the field cannot read", () => {
    expect(() => compileFilter("at > 'yesterday'", CMD_FIELDS)).toThrow("'yesterday' is not a valid value for 'at'");
  });

  it("resolves map keys through a wildcard field and tests their existence", () => {
    expect(ids("tags.site = north or tags.line = '1'")).toEqual(["a", "c"]);
    expect(ids("exists(tags.site)")).toEqual(["a", "c"]);
    expect(ids("not exists(tags.site)")).toEqual(["b"]);
    expect(() => compileFilter("tags. = x", CMD_FIELDS)).toThrow("unsupported field 'tags.'");
    expect(() => compileFilter("exists(at)", CMD_FIELDS)).toThrow("operator 'exists' is not supported for 'at'");
  });

  it("reads a field literally named exists as a comparison", () => {
    expect(parseExpression("exists = 1")).toEqual({ kind: "cmp", field: "exists", op: "=", values: ["1"] });
  });

  it("refuses ordered operators on unordered fields", () => {
    expect(() => compileFilter("deviceKey > 'a'", FIELDS)).toThrow("operator '>' is not supported for 'deviceKey'");
  });
});
