// The catalogue check behind `npm test`: both catalogues hold the same keys, and no user-visible
// text is written into components outside them. Pure functions over sources, so a unit test can
// prove the check catches what it should.
import ts from "typescript";

export type Catalogue = { [key: string]: string | Catalogue };

/** Dotted keys of every message in a catalogue. */
export function catalogueKeys(cat: Catalogue, prefix = ""): string[] {
  return Object.entries(cat).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : catalogueKeys(v, `${prefix}${k}.`)));
}

/** Keys present in one catalogue but missing from another, e.g. "zh-CN lacks nav.history". */
export function missingKeys(catalogues: Record<string, Catalogue>): string[] {
  const keys = Object.fromEntries(Object.entries(catalogues).map(([name, cat]) => [name, new Set(catalogueKeys(cat))]));
  const all = new Set(Object.values(keys).flatMap((s) => [...s]));
  const problems: string[] = [];
  for (const [name, set] of Object.entries(keys)) {
    for (const key of [...all].sort()) if (!set.has(key)) problems.push(`${name} lacks ${key}`);
  }
  return problems;
}

/** Attributes whose string values a person reads or hears. */
const VISIBLE_ATTRIBUTES = new Set(["aria-label", "placeholder", "title", "alt", "label", "aria-description"]);
const HAS_WORD = /\p{L}{2,}/u;
/** Marks a deliberate literal (a brand name, a language's own name) on the same or previous line. */
const IGNORE_MARK = "i18n-ignore";

export interface Literal {
  file: string;
  line: number;
  text: string;
}

/** User-visible literals in a TSX source: JSX text and visible attributes given as plain strings. */
export function findLiterals(file: string, source: string): Literal[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lines = source.split("\n");
  const found: Literal[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
    const marked = [lines[line], lines[line - 1]].some((l) => l?.includes(IGNORE_MARK));
    if (!marked && HAS_WORD.test(text)) found.push({ file, line: line + 1, text: text.trim().slice(0, 80) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && node.getText(sf).trim()) report(node, node.getText(sf));
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) report(init, init.text);
      if (ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)) report(init, init.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
