// `npm run bench`: measures the console the way it runs in production and writes bench/results.json
// as { scenario: { metric: number } }. It starts its own database (a scratch database next to
// DATABASE_URL, else an embedded PostgreSQL), its own emulator and its own production console
// (`next build` into .next-bench when the sources changed, then `next start`), all on 127.0.0.1 and
// free ports, and stops them at the end. Every loop is bounded by a count and a duration; the whole
// run is cut off after 10 minutes. See README.md, "Benchmarks".
import { randomBytes, randomUUID } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { createPrisma } from "../lib/db/client";
import { MEMORY, startEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { createScratchDatabase } from "../lib/db/scratch";
import { ensureDemoUsers } from "../lib/auth/seed-users";
import { newToken } from "../lib/api-tokens/secret";
import { buildIfNeeded } from "./build-if-needed";
import { startConsoleServer, type ConsoleServer } from "./console-process";
import { freePort, startEmulatorProcess, type EmulatorProcess } from "./emulator-process";
import { DEMO_ENOS_CONNECTION, ensureDemoConnections } from "./seed-demo";
import { seedHistory } from "./bench/history-seed";
import { closedLoop, HttpClient, type LoadResult } from "./bench/load";
import { round, summarize } from "./bench/stats";
import { measureFormRender, writeBenchSeed, BIG_SERVICE } from "./bench/form-render";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
/** --dist=<dir>: serve that existing build instead (e.g. a copy of an older build, to compare) */
const DIST_DIR = process.argv.find((a) => a.startsWith("--dist="))?.slice("--dist=".length) ?? ".next-bench";
const HARD_LIMIT_MS = 10 * 60_000 - 15_000;
const quick = process.argv.includes("--quick");
/** BENCH_CONSOLE_LOG=<file>: everything the console prints goes there (e.g. with DEBUG_SQL=1) */
const consoleLog = process.env.BENCH_CONSOLE_LOG;
const HISTORY_ROWS = Number(process.env.BENCH_HISTORY_ROWS ?? (quick ? 100_000 : 1_000_000));

type Metrics = Record<string, number>;
const results: Record<string, Metrics> = {};
const notes: string[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
const startedAt = Date.now();
const loadAtStart = os.loadavg()[0]!;

function log(line: string): void {
  console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${line}`);
}

interface Rig {
  databaseUrl: string;
  emu: EmulatorProcess;
  console: ConsoleServer;
  http: HttpClient;
  token: string;
  cookie: string;
  actionId: string;
  connectionId: string;
  connectionName: string;
  secretKey: string;
}

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.CHECKPOINT_DISABLE = "1";
  const rig = await setUp();
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
  const scenarios: [string, (rig: Rig) => Promise<void>][] = [
    ["invoke_overhead", invokeOverhead],
    ["throughput", throughput],
    ["history", history],
    ["form_render", formRender],
  ];
  for (const [name, run] of scenarios) if (!only || only.includes(name)) await run(rig);
  if (process.argv.includes("--hold")) await hold(rig);
  report();
}

// ---- set-up -------------------------------------------------------------------------------------

async function setUp(): Promise<Rig> {
  const databaseUrl = await database();
  await applyMigrations(databaseUrl, { log: { info: () => undefined, warn: log } });
  // fresh secrets: everything this run seals or signs lives in its own scratch database
  const secretKey = randomBytes(32).toString("base64");
  process.env.CONSOLE_SECRET_KEY = secretKey;
  process.env.BETTER_AUTH_SECRET = randomBytes(32).toString("base64url");

  const seedPath = writeBenchSeed(root, path.join(root, ".data/bench/seed.json"));
  process.env.EMULATOR_SEED = seedPath;
  for (const name of ["EMULATOR_ENOS_PORT", "EMULATOR_ALIYUN_PORT", "EMULATOR_MQTT_PORT"]) process.env[name] = "0";
  delete process.env.MQTT_URL;
  const emuLines: string[] = [];
  const emu = await startEmulatorProcess(root, (line) => {
    emuLines.push(line);
    if (emuLines.length > 50) emuLines.shift();
  });
  cleanups.push(() => stopChild(emu.child));
  log(`emulator: EnOS ${emu.enosUrl}`);

  const prisma = createPrisma(databaseUrl, 2);
  let token: string;
  let connectionId: string;
  try {
    await ensureDemoConnections(prisma, emu, seedPath);
    await ensureDemoUsers(prisma);
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const t = newToken();
    await prisma.apiToken.create({ data: { userId: admin.id, name: "bench", prefix: t.prefix, tokenHash: t.hash } });
    token = t.token;
    connectionId = (await prisma.connection.findUniqueOrThrow({ where: { name: DEMO_ENOS_CONNECTION } })).id;
  } finally {
    await prisma.$disconnect();
  }

  process.env.NEXT_DIST_DIR = DIST_DIR;
  // --no-build: serve whatever .next-bench holds (for repeated runs while sources keep changing)
  if (!process.argv.includes("--no-build") && DIST_DIR === ".next-bench") await buildIfNeeded(root, log);
  const port = await freePort(0);
  const consoleServer = await startConsoleServer({
    root,
    port,
    distDir: DIST_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl, BETTER_AUTH_URL: `http://127.0.0.1:${port}` },
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the console, written when it stops
    nodeArgs: process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
    log: (line) => {
      if (consoleLog) appendFileSync(consoleLog, `${line}\n`);
      else if (/error|warn/i.test(line)) log(`console: ${line}`);
    },
  });
  cleanups.push(() => consoleServer.stop());
  log(`console: ${consoleServer.url} (production build in ${DIST_DIR})`);

  const http = new HttpClient(consoleServer.url);
  cleanups.push(async () => http.close());
  const cookie = await signIn(http, consoleServer.url);
  return {
    databaseUrl,
    emu,
    console: consoleServer,
    http,
    token,
    cookie,
    actionId: invokeActionId(),
    connectionId,
    connectionName: DEMO_ENOS_CONNECTION,
    secretKey,
  };
}

async function database(): Promise<string> {
  const configured = process.env.DATABASE_URL?.trim();
  if (configured) {
    const host = new URL(configured).hostname;
    if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
      throw new Error(`The benchmark writes a million rows: it runs only against a database on this machine, not ${host}.`);
    }
    const scratch = await createScratchDatabase(configured, "bench");
    cleanups.push(() => scratch.drop());
    log("database: a scratch database next to DATABASE_URL (dropped at the end)");
    return scratch.url;
  }
  const db = await startEmbeddedPostgres({ dataDir: MEMORY, port: 0, maxConnections: 50 });
  cleanups.push(() => db.stop());
  log(`database: embedded PostgreSQL (PGlite, in memory) at ${db.url}; set DATABASE_URL for a real server`);
  notes.push("embedded PGlite: one backend for all connections, expect much lower numbers than PostgreSQL");
  return db.url;
}

async function signIn(http: HttpClient, origin: string): Promise<string> {
  const res = await http.request("POST", "/api/auth/sign-in/email", {
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email: "admin@example.com", password: "admin-demo-1234" }),
  });
  const setCookie = res.headers["set-cookie"] ?? [];
  const session = setCookie.map((c) => c.split(";")[0]!).find((c) => c.includes("session_token="));
  if (res.status !== 200 || !session) throw new Error(`sign-in failed: HTTP ${res.status} ${res.text.slice(0, 200)}`);
  return session;
}

/** The id under which the build registered invokeAction (app/_actions/invoke-service.ts). */
function invokeActionId(): string {
  const manifest = JSON.parse(readFileSync(path.join(root, DIST_DIR, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === "app/_actions/invoke-service.ts" && v.exportedName === "invokeAction");
  if (!found) throw new Error(`invokeAction is not in ${DIST_DIR}/server/server-reference-manifest.json`);
  return found[0];
}

// ---- the two ways into the console --------------------------------------------------------------

const PUMPS = ["pump-001", "pump-004", "pump-005", "pump-006", "pump-007", "pump-008", "pump-009", "pump-010", "pump-011", "pump-012"];

/** The invoke form's server action, posted the way the browser posts it. */
function viaAction(rig: Rig, deviceKey: (i: number) => string) {
  return async (i: number) => {
    const dk = deviceKey(i);
    const args = { connectionId: rig.connectionId, device: { productKey: "demoPump", deviceKey: dk }, serviceId: "getStatus", input: {}, timeoutMs: 10_000, idempotencyKey: randomUUID() };
    const res = await rig.http.request("POST", `/connections/${rig.connectionId}/devices/demoPump/${dk}?service=getStatus`, {
      headers: {
        accept: "text/x-component",
        "next-action": rig.actionId,
        "content-type": "text/plain;charset=UTF-8",
        origin: rig.console.url,
        cookie: rig.cookie,
      },
      body: JSON.stringify([args]),
    });
    if (res.status !== 200 || !res.text.includes('"status":"SUCCEEDED"')) throw new Error(`action: HTTP ${res.status} ${outcomeOf(res.text)}`);
  };
}

/** POST /api/v1/invocations with a personal API token and an idempotency key. */
function viaApi(rig: Rig, deviceKey: (i: number) => string) {
  return async (i: number) => {
    const body = { connectionId: rig.connectionId, productKey: "demoPump", deviceKey: deviceKey(i), serviceId: "getStatus", input: {}, timeoutMs: 10_000 };
    const res = await rig.http.request("POST", "/api/v1/invocations", {
      headers: { authorization: `Bearer ${rig.token}`, "content-type": "application/json", "idempotency-key": randomUUID() },
      body: JSON.stringify(body),
    });
    if (res.status !== 201 || !res.text.includes('"status":"SUCCEEDED"')) throw new Error(`api: HTTP ${res.status} ${outcomeOf(res.text)}`);
  };
}

function viaHealth(rig: Rig) {
  return async () => {
    const res = await rig.http.request("GET", "/api/health");
    if (res.status !== 200) throw new Error(`health: HTTP ${res.status}`);
  };
}

/** The status and message of an invocation in a response, or the start of the response. */
function outcomeOf(text: string): string {
  const status = /"status":"([A-Z_]+)"/.exec(text)?.[1];
  const message = /"message":"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
  return status ? `${status}${message ? `: ${message}` : ""}` : text.slice(0, 300);
}

/** Runs scripts/bench/worker.ts with the console's library code (see there). */
async function worker(task: string, input: unknown, env: Record<string, string> = {}): Promise<unknown> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/bench/worker.ts"), task], {
    cwd: root,
    env: { ...process.env, ...env, BENCH_INPUT: JSON.stringify(input) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
  child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
  const code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`bench worker ${task} failed (exit ${code}): ${err.slice(-2000)}`);
  return JSON.parse(out.trim().split("\n").at(-1) ?? "null") as unknown;
}

/** One client calling each of `runs` in turn: a LoadResult per run, from the same stretch of time. */
async function interleaved(opts: { count: number; durationMs: number; warmup: number }, runs: ((i: number) => Promise<void>)[]): Promise<LoadResult[]> {
  const out: LoadResult[] = runs.map(() => ({ latencies: [], errors: 0, elapsedMs: 0 }));
  for (let i = 0; i < opts.warmup; i++) await runs[i % runs.length]!(-1 - i).catch(() => undefined);
  const started = performance.now();
  for (let i = 0; i < opts.count * runs.length && performance.now() - started < opts.durationMs * runs.length; i++) {
    const r = out[i % runs.length]!;
    const t0 = performance.now();
    try {
      await runs[i % runs.length]!(i);
      r.latencies.push(performance.now() - t0);
    } catch (error) {
      r.errors += 1;
      r.firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
  for (const r of out) r.elapsedMs = performance.now() - started;
  return out;
}

// ---- scenarios ----------------------------------------------------------------------------------

const C1 = { count: quick ? 300 : 1_000, durationMs: quick ? 8_000 : 20_000, warmup: 30 };
const C50 = { count: quick ? 1_000 : 3_000, durationMs: quick ? 10_000 : 20_000, warmup: 100 };

/** Successful calls' latencies; failures are reported (and counted in `errors` metrics), never hidden. */
function checked(name: string, r: LoadResult): number[] {
  if (r.errors) notes.push(`${name}: ${r.errors} of ${r.errors + r.latencies.length} calls failed, first: ${r.firstError?.slice(0, 300)}`);
  errorCount[name] = r.errors;
  return r.latencies;
}
const errorCount: Record<string, number> = {};

async function invokeOverhead(rig: Rig): Promise<void> {
  log("invoke_overhead: getStatus on pump-001, direct adapter call vs. the console (server action, HTTP API)");
  const conn = { id: rig.connectionId, name: rig.connectionName, platform: "enos" as const, endpoint: rig.emu.enosUrl, orgId: "o15000000000001", accessKey: "demo-enos-access-key", secretKey: "demo-enos-secret-key" };
  const pump = () => "pump-001";
  // steady state, as a console that has been up for a while: JIT-compiled paths, warm pools and caches
  const warm = { action: viaAction(rig, pump), api: viaApi(rig, pump) };
  const warmup = await closedLoop({
    concurrency: 4,
    count: quick ? 600 : 2_000,
    durationMs: quick ? 10_000 : 20_000,
    warmup: 0,
    run: (i) => (i % 2 ? warm.action(i) : warm.api(i)),
  });
  if (warmup.errors) notes.push(`warm-up: ${warmup.errors} calls failed, first: ${warmup.firstError?.slice(0, 300)}`);
  const direct = (await worker("adapter", {
    conn,
    device: { productKey: "demoPump", deviceKey: "pump-001" },
    serviceId: "getStatus",
    input: {},
    timeoutMs: 10_000,
    phases: [
      { name: "c1", concurrency: 1, ...C1 },
      { name: "c50", concurrency: 50, ...C50 },
    ],
  })) as { phases: Record<"c1" | "c50", LoadResult> };
  // at concurrency 1 the two ways in take turns, call by call, so both see the same machine; so
  // does GET /api/health, which does nothing: the latency of any request to this Next.js process
  const c1 = await interleaved(C1, [viaAction(rig, pump), viaApi(rig, pump), viaHealth(rig)]);
  const paths = {
    adapter: { c1: checked("adapter c1", direct.phases.c1), c50: checked("adapter c50", direct.phases.c50) },
    action: {
      c1: checked("action c1", c1[0]!),
      c50: checked("action c50", await closedLoop({ concurrency: 50, ...C50, run: viaAction(rig, pump) })),
    },
    api: {
      c1: checked("api c1", c1[1]!),
      c50: checked("api c50", await closedLoop({ concurrency: 50, ...C50, run: viaApi(rig, pump) })),
    },
  };
  const latency: Metrics = {};
  const overhead: Metrics = {};
  for (const c of ["c1", "c50"] as const) {
    const base = summarize(paths.adapter[c]);
    for (const p of ["adapter", "action", "api"] as const) {
      const s = summarize(paths[p][c]);
      for (const q of ["p50", "p95", "p99"] as const) {
        latency[`${p}_${q}_ms_${c}`] = s[q];
        if (p !== "adapter") overhead[`${p}_${q}_ms_${c}`] = round(s[q] - base[q]);
      }
    }
  }
  const health = summarize(checked("health c1", c1[2]!));
  results.invoke_overhead = overhead;
  results.invoke_latency = { ...latency, health_p50_ms_c1: health.p50, health_p99_ms_c1: health.p99, errors: Object.values(errorCount).reduce((a, b) => a + b, 0) };
}

async function throughput(rig: Rig): Promise<void> {
  const durationMs = quick ? 8_000 : 20_000;
  const concurrency = 64;
  log(`throughput: HTTP API, ${concurrency} clients for ${durationMs / 1000} s over ${PUMPS.length} devices`);
  const run = viaApi(rig, (i) => PUMPS[Math.abs(i) % PUMPS.length]!);
  const cpuBefore = cpuMs(rig.console.child.pid);
  const r = await closedLoop({ concurrency, count: 100_000, durationMs, warmup: 200, run });
  const cpuPerCall = (cpuMs(rig.console.child.pid) - cpuBefore) / (r.latencies.length + r.errors + 200);
  checked("throughput", r);
  const conn = { id: rig.connectionId, name: rig.connectionName, platform: "enos" as const, endpoint: rig.emu.enosUrl, orgId: "o15000000000001", accessKey: "demo-enos-access-key", secretKey: "demo-enos-secret-key" };
  // what the emulator alone sustains, for scale: the console cannot beat the platform it calls
  const ceiling = (await worker("adapter", {
    conn,
    device: { productKey: "demoPump", deviceKey: "pump-001" },
    serviceId: "getStatus",
    input: {},
    timeoutMs: 10_000,
    phases: [{ name: "c64", concurrency, count: 100_000, durationMs: quick ? 5_000 : 10_000, warmup: 200 }],
  })) as { phases: Record<"c64", LoadResult> };
  const c = ceiling.phases.c64;
  // and what one request costs Next.js itself: GET /api/health does nothing, so its rate and CPU are
  // the floor every route of this console process stands on, before any work of its own
  log(`throughput: the framework's floor, GET /api/health, ${concurrency} clients`);
  const floorCpuBefore = cpuMs(rig.console.child.pid);
  const floor = await closedLoop({
    concurrency,
    count: 100_000,
    durationMs: quick ? 4_000 : 8_000,
    warmup: 200,
    run: viaHealth(rig),
  });
  const floorCpuPerCall = (cpuMs(rig.console.child.pid) - floorCpuBefore) / (floor.latencies.length + floor.errors + 200);
  results.throughput = {
    per_s: round(r.latencies.length / (r.elapsedMs / 1000), 1),
    p50_ms: summarize(r.latencies).p50,
    p99_ms: summarize(r.latencies).p99,
    errors: r.errors,
    // CPU the console process spent per call: less sensitive than rates to what else runs on the machine
    console_cpu_ms_per_call: round(cpuPerCall),
    adapter_only_per_s: round(c.latencies.length / (c.elapsedMs / 1000), 1),
    framework_floor_per_s: round(floor.latencies.length / (floor.elapsedMs / 1000), 1),
    framework_floor_cpu_ms_per_call: round(floorCpuPerCall),
  };
}

async function history(rig: Rig): Promise<void> {
  log(`history: seeding ${HISTORY_ROWS.toLocaleString("en")} invocations`);
  const seeded = await seedHistory({ url: rig.databaseUrl, rows: HISTORY_ROWS, connectionId: rig.connectionId, connectionName: rig.connectionName });
  log(`history: seeded in ${((seeded.insertMs + seeded.indexMs) / 1000).toFixed(1)} s (insert ${(seeded.insertMs / 1000).toFixed(1)} s, indexes ${(seeded.indexMs / 1000).toFixed(1)} s)`);
  const lib = (await worker("history", { device: seeded.sampleDevice, repeats: quick ? 10 : 30 }, { DATABASE_URL: rig.databaseUrl, DATABASE_POOL_MAX: "2" })) as {
    samples: Record<string, number[]>;
    export: { rows: number; bytes: number; firstChunkMs: number; totalMs: number; rssMb: number };
  };
  const h: Metrics = { rows: HISTORY_ROWS };
  for (const [name, samples] of Object.entries(lib.samples)) {
    const s = summarize(samples);
    h[`${name}_p50_ms`] = s.p50;
    h[`${name}_p95_ms`] = s.p95;
  }
  // the same first page end to end: token, scope, query, JSON
  const api = await closedLoop({
    concurrency: 1,
    count: quick ? 10 : 30,
    warmup: 2,
    run: async () => {
      const res = await rig.http.request("GET", "/api/v1/invocations?limit=50", { headers: { authorization: `Bearer ${rig.token}` } });
      if (res.status !== 200) throw new Error(`history API: HTTP ${res.status} ${res.text.slice(0, 200)}`);
    },
  });
  h.api_first_page_p50_ms = summarize(checked("history api", api)).p50;
  results.history_query = h;

  const e = lib.export;
  const viaHttp = await rig.http.stream(`/api/v1/invocations/export?format=csv&status=FAILED`, { authorization: `Bearer ${rig.token}` });
  if (viaHttp.status !== 200) throw new Error(`export API: HTTP ${viaHttp.status}`);
  results.export = {
    rows: e.rows,
    lib_total_ms: round(e.totalMs),
    lib_first_chunk_ms: round(e.firstChunkMs),
    lib_rows_per_s: round(e.rows / (e.totalMs / 1000), 0),
    lib_rss_mb: round(e.rssMb, 0),
    api_rows: viaHttp.lines - 1,
    api_total_ms: round(viaHttp.totalMs),
    api_first_byte_ms: round(viaHttp.firstByteMs),
    api_mb: round(viaHttp.bytes / 1e6, 1),
  };
}

async function formRender(rig: Rig): Promise<void> {
  log(`form_render: ${BIG_SERVICE.identifier} (${BIG_SERVICE.inputs} inputs) in chromium`);
  try {
    results.form_render = await measureFormRender({ url: rig.console.url, cookie: rig.cookie, connectionId: rig.connectionId, loads: quick ? 3 : 7 });
  } catch (error) {
    notes.push(`form_render skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** --hold: keep everything running for a look with other tools, until Enter is pressed. */
async function hold(rig: Rig): Promise<void> {
  log(`holding: console ${rig.console.url} (pid ${rig.console.child.pid}), token ${rig.token}, cookie ${rig.cookie}`);
  log(`holding: database ${rig.databaseUrl}, emulator ${rig.emu.enosUrl}; press Enter to finish`);
  // Enter, or the end of stdin (e.g. \`sleep 600 | npm run bench -- --hold\` once sleep exits)
  await new Promise((resolve) => process.stdin.once("data", resolve).once("end", resolve));
}

// ---- output -------------------------------------------------------------------------------------

function report(): void {
  // the numbers depend on what else this machine was doing: say how busy it was
  results.environment = { cpus: os.cpus().length, load_avg_1m_start: round(loadAtStart), load_avg_1m_end: round(os.loadavg()[0]!) };
  const rows: string[][] = [["scenario", "metric", "value"]];
  for (const [scenario, metrics] of Object.entries(results)) {
    for (const [metric, value] of Object.entries(metrics)) rows.push([scenario, metric, String(value)]);
  }
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log("");
  for (const [n, r] of rows.entries()) {
    console.log(r.map((cell, i) => (i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  "));
    if (n === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
  const targets = [
    check("invoke overhead p50 (action, c1) <= 5 ms", results.invoke_overhead?.action_p50_ms_c1, (v) => v <= 5),
    check("invoke overhead p99 (action, c1) <= 20 ms", results.invoke_overhead?.action_p99_ms_c1, (v) => v <= 20),
    check("invoke overhead p50 (api, c1) <= 5 ms", results.invoke_overhead?.api_p50_ms_c1, (v) => v <= 5),
    check("invoke overhead p99 (api, c1) <= 20 ms", results.invoke_overhead?.api_p99_ms_c1, (v) => v <= 20),
    // at 50 clients one console process is saturated: the overhead there is mostly queueing
    check("invoke overhead p50 (action, c50) <= 5 ms", results.invoke_overhead?.action_p50_ms_c50, (v) => v <= 5),
    check("invoke overhead p99 (action, c50) <= 20 ms", results.invoke_overhead?.action_p99_ms_c50, (v) => v <= 20),
    check("invoke overhead p50 (api, c50) <= 5 ms", results.invoke_overhead?.api_p50_ms_c50, (v) => v <= 5),
    check("invoke overhead p99 (api, c50) <= 20 ms", results.invoke_overhead?.api_p99_ms_c50, (v) => v <= 20),
    check("throughput >= 1000/s", results.throughput?.per_s, (v) => v >= 1000),
  ];
  console.log(`\n${targets.join("\n")}`);
  if (notes.length) console.log(`\nnotes:\n${notes.map((n) => `  - ${n}`).join("\n")}`);
  const file = path.join(root, "bench/results.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${path.relative(root, file)} in ${Math.round((Date.now() - startedAt) / 1000)} s`);
}

function check(label: string, value: number | undefined, ok: (v: number) => boolean): string {
  if (value === undefined) return `  ?    ${label}: not measured`;
  return `  ${ok(value) ? "met " : "MISS"} ${label}: ${value}`;
}

/** user + system CPU time of a process so far, in ms (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return Number.NaN;
  }
}

async function stopChild(child: import("node:child_process").ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}

async function cleanup(): Promise<void> {
  for (const fn of cleanups.reverse()) await fn().catch((e: unknown) => log(`cleanup: ${e instanceof Error ? e.message : String(e)}`));
  cleanups.length = 0;
}

const watchdog = setTimeout(() => {
  log("stopped: the benchmark ran into its 10-minute limit");
  void cleanup().finally(() => process.exit(2));
}, HARD_LIMIT_MS);
watchdog.unref();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void cleanup().finally(() => process.exit(130)));

main()
  .then(cleanup)
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanup();
    process.exit(1);
  });
