import { describe, expect, it } from "vitest";
import { resolveLocale } from "./config";

describe("resolveLocale", () => {
  it("prefers the language the user chose", () => {
    expect(resolveLocale("zh-CN", "en-US,en;q=0.9")).toBe("zh-CN");
  });
  it("falls back to the browser's first supported language", () => {
    expect(resolveLocale(undefined, "fr-FR,zh-TW;q=0.8,en;q=0.5")).toBe("zh-CN");
    expect(resolveLocale("xx", "de,en-GB;q=0.7")).toBe("en-US");
  });
  it("uses English when nothing matches", () => {
    expect(resolveLocale(null, "de-DE")).toBe("en-US");
    expect(resolveLocale(null, null)).toBe("en-US");
  });
});
