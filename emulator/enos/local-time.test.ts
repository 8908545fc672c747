import { describe, expect, it } from "vitest";
import { formatLocal, offsetMinutes, timeRange } from "./local-time";

const T = Date.UTC(2019, 7, 13, 1, 0, 0); // 2019-08-13 09:00:00 at +08:00

describe("local times", () => {
  it("reads offsets", () => {
    expect(offsetMinutes("+08:00")).toBe(480);
    expect(offsetMinutes("-05:30")).toBe(-330);
    expect(offsetMinutes("+0100")).toBe(60);
    expect(offsetMinutes("Asia/Shanghai")).toBe(0);
  });

  it("formats in the device's zone", () => {
    expect(formatLocal(T, "+08:00")).toBe("2019-08-13 09:00:00");
    expect(formatLocal(T, "-05:00")).toBe("2019-08-12 20:00:00");
  });

  it("reads local, ISO and epoch literals as ranges", () => {
    expect(timeRange("2019-08-13 09:00:00", "+08:00")).toEqual({ from: T, to: T + 1000 });
    expect(timeRange("2019-08-13", "+08:00")).toEqual({ from: T - 9 * 3_600_000, to: T + 15 * 3_600_000 });
    expect(timeRange("2019-08-13T01:00:00Z", "+08:00")).toEqual({ from: T, to: T + 1000 });
    expect(timeRange("2019-08-13T09:00:00.000+08:00", "+00:00")).toEqual({ from: T, to: T + 1 });
    expect(timeRange(String(T), "+08:00")).toEqual({ from: T, to: T + 1 });
  });

  it.each(["yesterday", "2019-02-30 00:00:00", "2019-08-13 9:00:00", "2019-08-13T01:00:00"])("refuses %j", (text) => {
    expect(timeRange(text, "+08:00")).toBeNull();
  });
});
