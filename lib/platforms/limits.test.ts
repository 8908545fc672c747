import { describe, expect, it } from "vitest";
import { checkTimeout } from "./limits";

describe("checkTimeout", () => {
  it("accepts EnOS v2.1 timeouts of 1..60 whole seconds", () => {
    expect(checkTimeout("enos", 1_000)).toBeNull();
    expect(checkTimeout("enos", 60_000)).toBeNull();
  });
  it("refuses EnOS v2.1 timeouts outside 1..60 s or in fractions of a second", () => {
    expect(checkTimeout("enos", 0)).toMatch(/between 1 and 60/);
    expect(checkTimeout("enos", 61_000)).toMatch(/between 1 and 60/);
    expect(checkTimeout("enos", 1_500)).toMatch(/whole number of seconds/);
  });
  it("takes the older EnOS API's millisecond range up to 300000", () => {
    expect(checkTimeout("enos-legacy", 45_000)).toBeNull();
    expect(checkTimeout("enos-legacy", 300_001)).toMatch(/300000/);
  });
});
