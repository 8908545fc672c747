// The parts of the benchmark that run the console's own library code outside the Next server:
// the direct adapter call (the baseline the console's overhead is measured against) and the
// history queries. Started by scripts/bench.ts as
//   node --conditions=react-server --import tsx scripts/bench/worker.ts <task>
// (`react-server` makes `server-only` importable, as it is inside the server). Input comes in the
// BENCH_INPUT environment variable as JSON; the result is the last line of stdout, as JSON.
import { performance } from "node:perf_hooks";
import { closedLoop } from "./load";

interface AdapterInput {
  conn: import("../../lib/platforms/types").ConnectionConfig;
  device: import("../../lib/platforms/types").DeviceRef;
  serviceId: string;
  input: Record<string, unknown>;
  timeoutMs: number;
  phases: { name: string; concurrency: number; count: number; durationMs?: number; warmup?: number }[];
}

interface HistoryInput {
  device: string;
  repeats: number;
}

async function adapterTask(input: AdapterInput): Promise<unknown> {
  const { getAdapter } = await import("../../lib/platforms/registry");
  const adapter = getAdapter(input.conn.platform);
  const device = await adapter.getDevice(input.conn, input.device);
  const service = (await adapter.listServices(input.conn, device)).find((s) => s.identifier === input.serviceId);
  if (!service) throw new Error(`no service ${input.serviceId} on ${input.device.deviceKey}`);
  const ref = { ...input.device, assetId: device.assetId, iotId: device.iotId };
  const call = async () => {
    const outcome = await adapter.invoke(input.conn, { device: ref, service, input: input.input, timeoutMs: input.timeoutMs });
    if (outcome.status !== "SUCCEEDED") throw new Error(`${outcome.status}: ${outcome.message ?? outcome.platformMessage ?? ""}`);
  };
  const phases: Record<string, { latencies: number[]; errors: number; firstError?: string; elapsedMs: number }> = {};
  for (const phase of input.phases) phases[phase.name] = await closedLoop({ ...phase, run: call });
  return { phases };
}

async function historyTask(input: HistoryInput): Promise<unknown> {
  const { listInvocations, countInvocations } = await import("../../lib/invocations/queries");
  const { exportStream } = await import("../../lib/invocations/export");
  const scope = {};
  const timed = async (fn: () => Promise<unknown>): Promise<number[]> => {
    await fn(); // warm: plan cache, connection
    const out: number[] = [];
    for (let i = 0; i < input.repeats; i++) {
      const t0 = performance.now();
      await fn();
      out.push(performance.now() - t0);
    }
    return out;
  };
  const first = await listInvocations({ scope, limit: 50 });
  // a cursor about 100 pages deep, reached once (not timed), to time a page far into the history
  let deep = first.nextCursor;
  for (let i = 0; i < 100 && deep; i++) deep = (await listInvocations({ scope, cursor: deep, limit: 50 })).nextCursor;
  const filtered = { device: input.device, status: ["FAILED" as const] };
  const samples = {
    first_page: await timed(() => listInvocations({ scope, limit: 50 })),
    deep_page: await timed(() => listInvocations({ scope, cursor: deep, limit: 50 })),
    filtered_page: await timed(() => listInvocations({ scope, filter: filtered, limit: 50 })),
    status_page: await timed(() => listInvocations({ scope, filter: { status: ["TIMED_OUT"] }, limit: 50 })),
    id_prefix_page: await timed(() => listInvocations({ scope, filter: { q: "cmd-0004" }, limit: 50 })),
    count_capped: await timed(() => countInvocations(scope, { status: ["SUCCEEDED"] })),
  };
  const exportRun = async (filter: Parameters<typeof exportStream>[1]) => {
    const t0 = performance.now();
    const reader = exportStream(scope, filter, "csv").getReader();
    let bytes = 0;
    let lines = 0;
    let firstChunkMs = Number.NaN;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!bytes) firstChunkMs = performance.now() - t0;
      bytes += value.length;
      for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines += 1;
    }
    return { rows: lines - 1, bytes, firstChunkMs, totalMs: performance.now() - t0, rssMb: process.memoryUsage().rss / 1e6 };
  };
  const exportFiltered = await exportRun({ status: ["FAILED"] });
  return { samples, export: exportFiltered };
}

async function main(): Promise<void> {
  const task = process.argv[2];
  const input = JSON.parse(process.env.BENCH_INPUT ?? "{}") as unknown;
  let result: unknown;
  if (task === "adapter") result = await adapterTask(input as AdapterInput);
  else if (task === "history") result = await historyTask(input as HistoryInput);
  else throw new Error(`unknown task ${task}`);
  // stdout is a pipe: exit only once the whole result is written (a large one spans many writes)
  await new Promise<void>((resolve) => process.stdout.write(`\n${JSON.stringify(result)}\n`, () => resolve()));
  // the Prisma pool and the adapter's keep-alive sockets would hold the process open
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
