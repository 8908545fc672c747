import { describe, expect, it } from "vitest";
import { aliyunServices } from "./aliyun";
import { enosServices } from "./enos";
import { epochMs, formatValue, outputRows, utcText } from "./output";
import { everyTypeTsl } from "./testing/aliyun-tsl.fixture";
import { everyTypeModel } from "./testing/enos-model.fixture";
import type { ParamSpec } from "./types";

const [configure] = enosServices(everyTypeModel);
if (!configure) throw new Error("fixture service missing");
const byId = (id: string): ParamSpec => {
  const p = configure.inputs.find((x) => x.identifier === id);
  if (!p) throw new Error(`no param ${id}`);
  return p;
};

describe("formatValue", () => {
  it("labels enums and bools, in the user's language", () => {
    expect(formatValue(1, byId("mode"), "en-US")).toBe("1 (Normal)");
    expect(formatValue(1, byId("mode"), "zh-CN")).toBe("1 (正常)");
    expect(formatValue(false, byId("enabled"), "zh-CN")).toBe("false (关)");
    expect(formatValue("high", byId("level"), "en-US")).toBe("high (High)");
  });

  it("reads Alibaba's spellings: bools as 0/1, dates as strings of epoch ms", () => {
    const [, tsl] = aliyunServices(everyTypeTsl);
    const p = (id: string) => tsl!.inputs.find((x) => x.identifier === id)!;
    expect(formatValue(1, p("enabled"), "en-US")).toBe("1 (on)");
    expect(formatValue("0", p("enabled"), "en-US")).toBe("0 (off)");
    expect(formatValue("1536228947682", p("when"), "en-US")).toBe("1536228947682 (2018-09-06 10:15:47.682 UTC)");
  });

  it("shows timestamps with their UTC time, and what fits no rule as JSON", () => {
    expect(formatValue(1700000000000, byId("at"), "en-US")).toBe("1700000000000 (2023-11-14 22:13:20.000 UTC)");
    expect(formatValue(7, byId("mode"), "en-US")).toBe("7");
    expect(formatValue({ a: 1 }, undefined, "en-US")).toBe('{"a":1}');
    expect(formatValue("", byId("label"), "en-US")).toBe('""');
    expect(formatValue(null, byId("label"), "en-US")).toBe("—");
  });
});

describe("outputRows", () => {
  it("lists struct members and array items below their parent, with units", () => {
    const rows = outputRows({ speed: 1500, config: { int11: 3, items: [1.5, 2] }, points: [], extra: true }, configure.inputs, "en-US");
    const row = (path: string) => rows.find((r) => r.path === path);
    expect(row("speed")).toMatchObject({ label: "Speed", value: "1500", unit: "rpm", depth: 0 });
    expect(row("config")).toMatchObject({ group: true, depth: 0 });
    expect(row("config.int11")).toMatchObject({ value: "3", unit: "rpm", depth: 1 });
    expect(row("config.items")).toMatchObject({ value: "1.5, 2", depth: 1 });
    expect(row("points")).toMatchObject({ value: "[] (no items)" });
    expect(row("ratio")).toMatchObject({ value: "—" });
    expect(row("extra")).toMatchObject({ label: "", value: "true" });
  });

  it("gives each struct of an array its own group", () => {
    const [, tsl] = aliyunServices(everyTypeTsl);
    const rows = outputRows({ pairs: [{ k: "a", v: 1.5 }, { k: "b" }] }, tsl!.inputs, "en-US");
    expect(rows.filter((r) => r.path.startsWith("pairs")).map((r) => [r.path, r.value, r.depth])).toEqual([
      ["pairs", "2 items", 0],
      ["pairs.0", "", 1],
      ["pairs.0.k", "a", 2],
      ["pairs.0.v", "1.5", 2],
      ["pairs.1", "", 1],
      ["pairs.1.k", "b", 2],
      ["pairs.1.v", "—", 2],
    ]);
  });

  it("shows a reply that is not an object as no rows of params but never fails", () => {
    expect(outputRows("oops", configure.outputs, "en-US").map((r) => r.value)).toEqual(["—", "—"]);
  });
});

describe("epoch ms helpers", () => {
  it("accept numbers and strings of digits only", () => {
    expect(epochMs(5)).toBe(5);
    expect(epochMs("1536228947682")).toBe(1536228947682);
    expect(epochMs("12a")).toBeUndefined();
    expect(epochMs(1.5)).toBeUndefined();
    expect(utcText(0)).toBe("1970-01-01 00:00:00.000 UTC");
  });
});
