// A closed-loop load generator: `concurrency` workers, each starting its next call when the last one
// ended, until `count` calls or `durationMs` have passed (whichever comes first). Bounded by both, so
// a benchmark can never run away. Plus a keep-alive HTTP client on node:http, lighter than fetch,
// so the generator takes as little as possible of the CPU it shares with the console.
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface LoadOptions {
  concurrency: number;
  /** total calls, all workers together */
  count: number;
  /** stop starting new calls after this long */
  durationMs?: number;
  /** calls that run (and must succeed) before timing starts, not counted */
  warmup?: number;
  run: (i: number) => Promise<void>;
}

export interface LoadResult {
  /** ms per successful call */
  latencies: number[];
  errors: number;
  firstError?: string;
  elapsedMs: number;
}

export async function closedLoop(opts: LoadOptions): Promise<LoadResult> {
  // warm-up failures are not counted (nor hidden: the timed calls fail the same way)
  for (let i = 0; i < (opts.warmup ?? 0); i += opts.concurrency) {
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, (opts.warmup ?? 0) - i) }, (_, j) => opts.run(-1 - i - j).catch(() => undefined)));
  }
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const deadline = opts.durationMs === undefined ? Number.POSITIVE_INFINITY : started + opts.durationMs;
  const worker = async () => {
    while (next < opts.count && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await opts.run(i);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return { latencies, errors, firstError, elapsedMs: performance.now() - started };
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export class HttpClient {
  private readonly agent: http.Agent;
  readonly base: URL;

  constructor(base: string, maxSockets = 256) {
    this.base = new URL(base);
    if (this.base.hostname !== "127.0.0.1") throw new Error(`the benchmark only talks to 127.0.0.1, not ${this.base.hostname}`);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, keepAliveMsecs: 10_000 });
  }

  request(method: string, path: string, opts: { headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.body !== undefined) headers["content-length"] = String(Buffer.byteLength(opts.body));
      const req = http.request(
        { host: this.base.hostname, port: this.base.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
        },
      );
      req.setTimeout(opts.timeoutMs ?? 60_000, () => req.destroy(new Error(`${method} ${path}: no answer within ${opts.timeoutMs ?? 60_000} ms`)));
      req.on("error", reject);
      req.end(opts.body);
    });
  }

  /** Streams a response, counting bytes; `firstByteMs` is when the first body chunk arrived. */
  stream(path: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; lines: number; firstByteMs: number; totalMs: number }> {
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.base.hostname, port: this.base.port, method: "GET", path, headers, agent: this.agent }, (res) => {
        let bytes = 0;
        let lines = 0;
        let firstByteMs = Number.NaN;
        res.on("data", (c: Buffer) => {
          if (!bytes) firstByteMs = performance.now() - t0;
          bytes += c.length;
          for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines += 1;
        });
        res.on("error", reject);
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, lines, firstByteMs, totalMs: performance.now() - t0 }));
      });
      req.setTimeout(300_000, () => req.destroy(new Error(`GET ${path}: no answer within 300 s`)));
      req.on("error", reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
