// `npm start` (and `npm run dev` with --dev): everything a fresh clone needs, in one process tree.
// Database (DATABASE_URL, else embedded PostgreSQL in .data/), migrations, the emulator with demo
// connections when no real platform is configured, demo users, then the Next.js server.
// Ctrl-C stops everything this started.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "../lib/db/migrate";
import { createPrisma } from "../lib/db/client";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { ensureDemoGrants, ensureDemoUsers } from "../lib/auth/seed-users";
import { ensureDemoConnections, ensureEnvConnections, hasRealConnections } from "./seed-demo";
import { buildIfNeeded } from "./build-if-needed";
import { freePort, startEmulatorProcess } from "./emulator-process";
import { loadSecretKey } from "../lib/crypto/seal";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, readFileSync, writeFileSync, type WriteStream } from "node:fs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dev = process.argv.includes("--dev");
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;

// CONSOLE_LOG_FILE: a copy of everything the console prints (its start-up lines and the Next.js
// server's output), so tests can prove that no secret is ever logged.
const logFile = process.env.CONSOLE_LOG_FILE ? openLogFile(process.env.CONSOLE_LOG_FILE) : undefined;

function openLogFile(file: string): WriteStream {
  const target = path.resolve(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  return createWriteStream(target, { flags: "w", mode: 0o600 });
}

function log(line: string): void {
  console.log(`[console] ${line}`);
  logFile?.write(`[console] ${line}\n`);
}

/** The child's output to this terminal and, when configured, to the log file. */
function tee(child: ChildProcess): void {
  child.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    logFile?.write(chunk);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    logFile?.write(chunk);
  });
}

async function main(): Promise<void> {
  if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.CHECKPOINT_DISABLE = "1";
  const port = Number(process.env.PORT ?? 3000);
  localSecrets();

  const databaseUrl = await database();
  const applied = await applyMigrations(databaseUrl);
  if (applied.applied.length) log(`applied migrations: ${applied.applied.join(", ")}`);

  const prisma = createPrisma(databaseUrl, 2);
  try {
    await ensureEnvConnections(prisma);
    const wantEmulator = process.env.EMULATOR === "on" || (process.env.EMULATOR !== "off" && !(await hasRealConnections(prisma)));
    if (wantEmulator) {
      const emu = await startEmulatorProcess(root, log);
      children.push(emu.child);
      await ensureDemoConnections(prisma, emu);
      log(`emulator: EnOS ${emu.enosUrl}, Alibaba ${emu.aliyunUrl}, MQTT ${emu.mqttUrl}`);
    }
    const users = await ensureDemoUsers(prisma);
    await ensureDemoGrants(prisma);
    printLogins(users, port);
  } finally {
    await prisma.$disconnect();
  }

  if (!dev) await buildIfNeeded(root, log);
  const next = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), dev ? "dev" : "start", "-p", String(port), "-H", process.env.HOST ?? "0.0.0.0"],
    { cwd: root, stdio: logFile ? ["inherit", "pipe", "pipe"] : "inherit", env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) } },
  );
  tee(next);
  children.push(next);
  next.on("exit", (code) => void shutdown(code ?? 1));
  log(`console: http://localhost:${port}`);
}

async function database(): Promise<string> {
  if (process.env.DATABASE_URL) {
    log("database: DATABASE_URL");
    return process.env.DATABASE_URL;
  }
  const db = await startEmbeddedPostgres({
    dataDir: path.join(root, ".data/pglite"),
    port: await freePort(Number(process.env.EMBEDDED_DB_PORT ?? 54329)),
  });
  cleanups.push(db.stop);
  log(`database: embedded PostgreSQL (data in .data/pglite) at ${db.url}`);
  process.env.DATABASE_URL = db.url;
  return db.url;
}

/**
 * A fresh clone has no secrets configured: keep generated ones in the git-ignored .data/ folder so
 * sessions and sealed connection secrets survive restarts. Deployments set both variables.
 */
function localSecrets(): void {
  process.env.CONSOLE_SECRET_KEY ??= loadSecretKey().toString("base64");
  if (!process.env.BETTER_AUTH_SECRET) {
    const file = path.join(root, ".data/auth-secret");
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    }
    process.env.BETTER_AUTH_SECRET = readFileSync(file, "utf8").trim();
  }
}

function printLogins(users: { email: string; password: string; role: string }[], port: number): void {
  if (!users.length) return;
  log(`demo logins for http://localhost:${port}/login :`);
  for (const u of users) log(`  ${u.role.padEnd(9)} ${u.email.padEnd(24)} ${u.password}`);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error: unknown) => {
  console.error(`[console] start failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
