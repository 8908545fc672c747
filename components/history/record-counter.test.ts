import { describe, expect, it } from "vitest";
import { csvHeader, csvRecord, jsonLine } from "@/lib/invocations/export-format";
import type { InvocationView } from "@/lib/invocations/types";
import { recordCounter } from "./record-counter";

const view = (id: string, message: string) => ({ id, message, input: { a: 'x,"y"\n' } }) as unknown as InvocationView;

describe("export record counter", () => {
  it("counts CSV records across chunk borders, ignoring line breaks and quotes inside fields", () => {
    const text = csvHeader() + csvRecord(view("1", "two\nlines")) + csvRecord(view("2", 'a "quote"')) + csvRecord(view("3", "x"));
    for (const size of [1, 7, 64, text.length]) {
      const counter = recordCounter("csv");
      let n = 0;
      for (let i = 0; i < text.length; i += size) n = counter.push(text.slice(i, i + size));
      expect(n, `chunks of ${size}`).toBe(3);
    }
  });

  it("counts JSON lines", () => {
    const counter = recordCounter("jsonl");
    expect(counter.push(jsonLine(view("1", "a\nb")) + jsonLine(view("2", "c")).slice(0, 5))).toBe(1);
    expect(counter.push(jsonLine(view("2", "c")).slice(5))).toBe(2);
  });
});
