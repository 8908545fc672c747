import { describe, expect, it } from "vitest";
import { SubmitKeys } from "./submit-key";

function keys() {
  let n = 0;
  return new SubmitKeys(() => `k${++n}`, 1_000);
}

describe("SubmitKeys", () => {
  it("reuses the key for the same payload within the window, counted from the answer", () => {
    const k = keys();
    expect(k.keyFor("a", 0)).toBe("k1");
    expect(k.keyFor("a", 400)).toBe("k1");
    k.answered("k1", 5_000); // a slow call: the window starts when its answer arrives
    expect(k.keyFor("a", 5_900)).toBe("k1");
  });

  it("takes a fresh key for another payload, or the same one after the window", () => {
    const k = keys();
    expect(k.keyFor("a", 0)).toBe("k1");
    expect(k.keyFor("b", 100)).toBe("k2");
    expect(k.keyFor("a", 200)).toBe("k3");
    expect(k.keyFor("a", 1_201)).toBe("k4");
  });

  it("ignores the answer of an older submit", () => {
    const k = keys();
    k.keyFor("a", 0);
    k.keyFor("b", 100);
    k.answered("k1", 10_000);
    expect(k.keyFor("b", 10_000)).toBe("k3");
  });
});
