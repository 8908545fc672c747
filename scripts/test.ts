// `npm test`: typecheck, lint, unit, integration (PostgreSQL from DATABASE_URL, else embedded) and
// e2e (Playwright with the system chromium). Runs every step, then prints one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createScratchDatabase, type ScratchDatabase } from "../lib/db/scratch";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const reports = path.join(root, ".data/test-reports");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);

interface Step {
  name: string;
  cmd: string[];
  env?: Record<string, string>;
  count?: () => { passed: number; failed: number };
}

const vitestCount = (file: string) => () => {
  const r = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  return { passed: r.numPassedTests, failed: r.numFailedTests };
};

const playwrightCount = (file: string) => () => {
  const r = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
};

const only = process.argv.slice(2);
const steps: Step[] = [
  { name: "typecheck", cmd: [bin("tsc"), "--noEmit"] },
  { name: "lint", cmd: [bin("eslint"), "--max-warnings=0", "."] },
  { name: "i18n", cmd: [bin("tsx"), "scripts/check-i18n.ts"] },
  {
    name: "unit",
    cmd: [bin("vitest"), "run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/unit.json`],
    count: vitestCount(`${reports}/unit.json`),
  },
  {
    name: "integration",
    cmd: [bin("tsx"), "scripts/with-db.ts", bin("vitest"), "run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/integration.json`],
    count: vitestCount(`${reports}/integration.json`),
  },
  {
    name: "e2e",
    cmd: [bin("tsx"), "scripts/with-db.ts", bin("playwright"), "test"],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: `${reports}/e2e.json` },
    count: playwrightCount(`${reports}/e2e.json`),
  },
].filter((s) => only.length === 0 || only.includes(s.name));

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
let passed = 0;
let failed = 0;
const summary: string[] = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const [cmd, ...args] = step.cmd as [string, ...string[]];
  // the e2e console gets a database of its own, so rows left by integration tests (pointing at
  // emulators that are gone) never reach its reconciler
  const own: ScratchDatabase | null = step.name === "e2e" && process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, "e2e") : null;
  const dbEnv: Record<string, string> = own ? { DATABASE_URL: own.url } : {};
  const run = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1", ...dbEnv, ...step.env } });
  await own?.drop().catch(() => undefined);
  const ok = run.status === 0;
  let counted = "";
  if (step.count) {
    try {
      const c = step.count();
      passed += c.passed;
      failed += c.failed;
      counted = ` (${c.passed} passed, ${c.failed} failed)`;
    } catch {
      counted = " (no report)";
    }
  }
  if (!ok && (!step.count || counted === " (no report)")) failed += 1;
  if (!step.count && ok) passed += 1;
  summary.push(`${ok ? "ok  " : "FAIL"} ${step.name}${counted} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (!ok && !existsSync(reports)) mkdirSync(reports, { recursive: true });
}
console.log(`\n${summary.join("\n")}`);
const allOk = summary.every((l) => l.startsWith("ok"));
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(allOk && failed === 0 ? 0 : 1);
