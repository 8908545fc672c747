import { describe, expect, it } from "vitest";
import { fromLocalInput, toLocalInput, utcOffsetLabel } from "./time";

describe("datetime-local values", () => {
  it("round-trip epoch ms through the browser's local time, keeping milliseconds", () => {
    for (const ms of [0, 1700000000000, 1700000000123, Date.UTC(2024, 4, 6, 2, 30)]) {
      expect(fromLocalInput(toLocalInput(ms))).toBe(ms);
    }
    expect(toLocalInput(1700000000000)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(toLocalInput(1700000000123)).toMatch(/\.123$/);
  });

  it("read what a datetime-local input gives, with or without seconds", () => {
    const local = new Date(2024, 4, 6, 10, 30).getTime();
    expect(fromLocalInput("2024-05-06T10:30")).toBe(local);
    expect(fromLocalInput("2024-05-06T10:30:05.5")).toBe(local + 5500);
    expect(fromLocalInput("2024-05-06")).toBeUndefined();
    expect(fromLocalInput("")).toBeUndefined();
  });

  it("labels the zone offset", () => {
    expect(utcOffsetLabel()).toMatch(/^UTC[+-]\d{2}:\d{2}$/);
  });
});
