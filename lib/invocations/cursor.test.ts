import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

describe("history cursor", () => {
  it("round-trips time and id", () => {
    const c = { requestedAt: new Date("2026-11-23T10:00:00.123Z"), id: "3f1c2a52-2c1e-4c7b-9a55-0d9b0c8d5e11" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });
  it("rejects garbage instead of querying with it", () => {
    expect(decodeCursor("not-a-cursor")).toBeNull();
    expect(decodeCursor(Buffer.from("2026-01-01|x").toString("base64url"))).toBeNull();
  });
});
