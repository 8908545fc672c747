import { describe, expect, it } from "vitest";
import { describeJsonError, firstJsonError, parseJsonText } from "./json-text";

describe("parseJsonText", () => {
  it("parses JSON and says where text stops being JSON", () => {
    expect(parseJsonText('{"a": [1, 2.5]}')).toEqual({ ok: true, value: { a: [1, 2.5] } });
    expect(parseJsonText("  ")).toEqual({ ok: false, error: "Enter a JSON value." });
    expect(parseJsonText('{\n  "a": 1,\n  "b": }')).toEqual({
      ok: false,
      error: 'Not valid JSON at line 3, column 8: expected a value, found "}".',
    });
  });

  it.each([
    ['{"a": 1', 7, "“,” or “}”"],
    ["{a: 1}", 1, "a string in double quotes"],
    ['{"a" 1}', 5, "“:”"],
    ["[1, 2,]", 6, "a value"],
    ['{"a": tru}', 6, "“true”"],
    ['{"a": 1} x', 9, "the end of the text"],
    ['"line\nbreak"', 5, "a closing quote (line breaks must be written \\n)"],
    ["01", 1, "the end of the text"],
  ])("finds the first error in %j", (text, at, expected) => {
    expect(firstJsonError(text)).toEqual({ at, expected });
  });

  it("names the end of the text when it ends too soon", () => {
    expect(describeJsonError("[1,")).toBe("Not valid JSON at line 1, column 4: expected a value, found the end of the text.");
  });
});
