// The production console (`next start` of an existing build) as a child process, for the benchmark
// and the crash test: they start it on their own port, kill it, and start it again without a
// rebuild. The caller provides the environment (DATABASE_URL, secrets); this adds the port and dist dir.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface ConsoleServerOptions {
  root: string;
  port: number;
  /** the build to serve, relative to root (NEXT_DIST_DIR), e.g. ".next-e2e" */
  distDir: string;
  env: NodeJS.ProcessEnv;
  /** extra node options, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] */
  nodeArgs?: string[];
  /** each line the server prints; default: dropped */
  log?: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface ConsoleServer {
  url: string;
  child: ChildProcess;
  /** resolves with the exit code (or signal) once the process is gone */
  exited: Promise<number | NodeJS.Signals>;
  /** SIGTERM, then SIGKILL after 5 s */
  stop(): Promise<void>;
}

export async function startConsoleServer(opts: ConsoleServerOptions): Promise<ConsoleServer> {
  const url = `http://127.0.0.1:${opts.port}`;
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), path.join(opts.root, "node_modules/next/dist/bin/next"), "start", "-p", String(opts.port), "-H", "127.0.0.1"], {
    cwd: opts.root,
    env: {
      ...opts.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: opts.distDir,
      PORT: String(opts.port),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = opts.log;
  const forward = (data: Buffer) => {
    if (log) for (const line of data.toString("utf8").split("\n")) if (line.trim()) log(line);
  };
  child.stdout?.on("data", forward);
  child.stderr?.on("data", forward);
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code ?? 1)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilServing(url, child, opts.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, exited, stop };
}

async function waitUntilServing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the console exited (${child.exitCode ?? child.signalCode}) before serving ${url}`);
    try {
      const res = await fetch(`${url}/login`, { redirect: "manual", signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the console did not serve ${url} within ${timeoutMs / 1000} s`);
}
