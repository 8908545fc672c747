import { describe, expect, it } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import { catalogueKeys, type Catalogue } from "./check";
import en from "./messages/en-US.json";
import zh from "./messages/zh-CN.json";

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }>; children?: Element[] };
/** The argument names a message uses, through plural/select branches and rich-text tags. */
function argumentsOf(ast: readonly unknown[]): Set<string> {
  const names = new Set<string>();
  const walk = (els: readonly Element[]) => {
    for (const el of els) {
      if (el.type >= 1 && el.type <= 6 && el.value) names.add(el.value);
      if (el.type === 8 && el.value) names.add(`<${el.value}>`);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
      if (el.children) walk(el.children);
    }
  };
  walk(ast as Element[]);
  return names;
}

const at = (cat: Catalogue, key: string): string => key.split(".").reduce<Catalogue | string>((c, k) => (c as Catalogue)[k]!, cat) as string;

describe("the catalogues", () => {
  it("hold the same keys", () => {
    expect(catalogueKeys(zh).sort()).toEqual(catalogueKeys(en).sort());
  });

  it("are valid ICU messages using the same arguments in both languages", () => {
    for (const key of catalogueKeys(en)) {
      const [enText, zhText] = [at(en, key), at(zh, key)];
      expect(() => new IntlMessageFormat(enText, "en-US"), key).not.toThrow();
      expect(() => new IntlMessageFormat(zhText, "zh-CN"), key).not.toThrow();
      const args = (s: string) => argumentsOf(new IntlMessageFormat(s, "en-US").getAst());
      expect(args(zhText), key).toEqual(args(enText));
    }
  });
});
