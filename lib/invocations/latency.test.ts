import { describe, expect, it } from "vitest";
import { latencyMsBetween, MAX_LATENCY_MS } from "./latency";

describe("latencyMsBetween", () => {
  it("is the span in ms, never negative, and capped at what the int column holds", () => {
    const t = new Date("2026-11-01T00:00:00Z");
    expect(latencyMsBetween(t, new Date(t.getTime() + 1234))).toBe(1234);
    expect(latencyMsBetween(t, new Date(t.getTime() - 5))).toBe(0);
    expect(latencyMsBetween(t, new Date(t.getTime() + 30 * 86_400_000))).toBe(MAX_LATENCY_MS);
    expect(MAX_LATENCY_MS).toBe(2 ** 31 - 1);
  });
});
