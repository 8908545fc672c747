import { describe, expect, it } from "vitest";
import { findLiterals, missingKeys } from "./check";

describe("catalogue check", () => {
  it("fails on a key missing from either catalogue", () => {
    const problems = missingKeys({
      "en-US": { nav: { history: "History", connections: "Connections" } },
      "zh-CN": { nav: { history: "历史" }, extra: "多余" },
    });
    expect(problems).toEqual(["en-US lacks extra", "zh-CN lacks nav.connections"]);
  });

  it("passes when both catalogues hold the same keys", () => {
    expect(missingKeys({ "en-US": { a: { b: "x" } }, "zh-CN": { a: { b: "y" } } })).toEqual([]);
  });

  it("finds literal text and visible attributes written outside the catalogues", () => {
    const source = [
      "export function A({ t }: { t: (k: string) => string }) {",
      "  return (",
      '    <div title="Copy the id">',
      "      <h1>Device history</h1>",
      "      <p>{t('history.empty')}</p>",
      '      <input placeholder={"Search devices"} aria-label={t("search")} />',
      "      <span>{count} · 42 %</span>",
      "    </div>",
      "  );",
      "}",
    ].join("\n");
    expect(findLiterals("a.tsx", source).map((l) => [l.line, l.text])).toEqual([
      [3, "Copy the id"],
      [4, "Device history"],
      [6, "Search devices"],
    ]);
  });

  it("lets a marked literal through", () => {
    const source = "export const B = () => (\n  // i18n-ignore: the language's own name\n  <option>简体中文</option>\n);";
    expect(findLiterals("b.tsx", source)).toEqual([]);
  });
});
