// `npm test` step "i18n": both catalogues hold the same keys and no user-visible literal sits in
// app/ or components/ outside them (mark a deliberate one with `i18n-ignore`).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { findLiterals, missingKeys, type Catalogue } from "../lib/i18n/check";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const messages = path.join(root, "lib/i18n/messages");
const catalogues = Object.fromEntries(
  readdirSync(messages)
    .filter((f) => f.endsWith(".json"))
    .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(path.join(messages, f), "utf8")) as Catalogue]),
);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return tsxFiles(p);
    return p.endsWith(".tsx") && !p.endsWith(".test.tsx") ? [p] : [];
  });
}

const problems = [
  ...missingKeys(catalogues),
  ...["app", "components"]
    .flatMap((d) => tsxFiles(path.join(root, d)))
    .flatMap((f) => findLiterals(path.relative(root, f), readFileSync(f, "utf8")))
    .map((l) => `${l.file}:${l.line} literal text outside the catalogues: "${l.text}"`),
];
for (const p of problems) console.log(p);
console.log(problems.length ? `\n${problems.length} i18n problem(s)` : "i18n: catalogues complete, no literal text");
process.exit(problems.length ? 1 : 0);
