// Crash safety: a second production console (the same build, `next start` on its own port, against
// the same database and emulator) is killed with SIGKILL at random moments while 200 invocations
// are in flight through the HTTP API, and started again without a rebuild. Clients retry with the
// same idempotency key until they get an answer, as the API asks them to. Afterwards every key has
// exactly one row, no row stays PENDING once the reconciler has run (each ends finished, or
// INTERRUPTED with the reason), and the emulator received no command twice.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { hashToken, newToken } from "../lib/api-tokens/secret";
import { startConsoleServer, type ConsoleServer } from "../scripts/console-process";
import { freePort } from "../scripts/emulator-process";
import { emulatorRequests, lastSeq, setDevice } from "./support";

const INVOCATIONS = 200;
const CONCURRENCY = 50;
const KILLS = 3;
const PUMPS = ["pump-001", "pump-004", "pump-005", "pump-006", "pump-007", "pump-008", "pump-009", "pump-010", "pump-011", "pump-012"];
const FINISHED = ["SUCCEEDED", "FAILED", "TIMED_OUT", "EXPIRED", "CANCELED", "QUEUED", "SENT"];

const root = process.cwd();
const fromFile = (file: string) => (existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), "utf8").trim() : undefined);

async function db<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test.describe.configure({ timeout: 240_000 });

test("SIGKILL during 200 invocations: one row per key, none left PENDING, no command sent twice", async () => {
  expect(process.env.DATABASE_URL, "run e2e through `npm test -- e2e` (it sets DATABASE_URL)").toBeTruthy();
  const run = randomBytes(3).toString("hex");
  const { token, userId, connectionId } = await db(async (c) => {
    const user = await c.query<{ id: string }>(`SELECT "id" FROM "user" WHERE "email" = 'admin@example.com'`);
    const conn = await c.query<{ id: string }>(`SELECT "id" FROM "connection" WHERE "name" = 'Demo EnOS (emulator)'`);
    const t = newToken();
    await c.query(`INSERT INTO "api_token" ("id", "userId", "name", "prefix", "tokenHash") VALUES (gen_random_uuid(), $1, $2, $3, $4)`, [
      user.rows[0]!.id,
      `crash test ${run}`,
      t.prefix,
      hashToken(t.token),
    ]);
    return { token: t.token, userId: user.rows[0]!.id, connectionId: conn.rows[0]!.id };
  });

  const port = await freePort(0);
  const url = `http://127.0.0.1:${port}`;
  const start = () =>
    startConsoleServer({
      root,
      port,
      distDir: ".next-e2e",
      env: {
        ...process.env,
        CONSOLE_SECRET_KEY: process.env.CONSOLE_SECRET_KEY ?? fromFile(".data/secret.key"),
        BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? fromFile(".data/auth-secret"),
        BETTER_AUTH_URL: url,
      },
    });

  // slow devices keep calls in flight when the console dies
  for (const dk of PUMPS) await setDevice("demoPump", dk, { latencyMs: 500 });
  const since = await lastSeq();
  let server: ConsoleServer = await start();
  let restarts = 0;
  try {
    const label = (i: number) => `crash-${run}-${i}`; // the setMode label (16 characters at most) names the call
    const key = (i: number) => `crash-${run}-${i}`;
    const answers = new Map<number, { id: string; status: string }>();
    let next = 0;
    let retries = 0;

    const call = async (i: number): Promise<void> => {
      const deadline = Date.now() + 90_000;
      for (;;) {
        try {
          const res = await fetch(`${url}/api/v1/invocations`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key(i) },
            body: JSON.stringify({
              connectionId,
              productKey: "demoPump",
              deviceKey: PUMPS[i % PUMPS.length],
              serviceId: "setMode",
              input: { mode: 1, enabled: true, speed: 2.5, label: label(i) },
              timeoutMs: 10_000,
            }),
            signal: AbortSignal.timeout(20_000),
          });
          if (res.status === 200 || res.status === 201) {
            const body = (await res.json()) as { id: string; status: string };
            answers.set(i, { id: body.id, status: body.status });
            return;
          }
          const text = await res.text();
          // the console may be starting up, or dying: anything but a 5xx is the answer
          if (res.status < 500) throw new Error(`key ${key(i)}: HTTP ${res.status} ${text.slice(0, 300)}`);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith(`key ${key(i)}:`)) throw error;
        }
        if (Date.now() > deadline) throw new Error(`key ${key(i)}: no answer within 90 s`);
        retries += 1;
        await sleep(150);
      }
    };
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (next < INVOCATIONS) await call(next++);
    });
    const killer = (async () => {
      for (let k = 0; k < KILLS && next < INVOCATIONS; k++) {
        // once the new console answers (warm, calls recorded and under way), at a random moment
        const answered = answers.size;
        while (answers.size < answered + 3 && next < INVOCATIONS) await sleep(10);
        await sleep(Math.random() * 400);
        server.child.kill("SIGKILL");
        await server.exited;
        server = await start();
        restarts += 1;
      }
    })();
    await Promise.all([...workers, killer]);
    expect(restarts, "the console was killed and restarted while calls were in flight").toBeGreaterThanOrEqual(1);
    expect(retries, "some calls had to be retried").toBeGreaterThan(0);

    const pendingAnswers = [...answers.values()].filter((a) => a.status === "PENDING").length;
    // the killed consoles stop beating; the reconciler (in both consoles) interrupts their PENDING rows
    const keys = Array.from({ length: INVOCATIONS }, (_, i) => `api:${userId}:${key(i)}`);
    type Row = { idempotencyKey: string; id: string; status: string; statusMessage: string | null };
    let rows: Row[] = [];
    for (const started = Date.now(); Date.now() - started < 90_000; await sleep(1_000)) {
      rows = await db(async (c) => (await c.query<Row>(`SELECT "idempotencyKey", "id", "status", "statusMessage" FROM "invocation" WHERE "idempotencyKey" = ANY($1)`, [keys])).rows);
      if (rows.length === INVOCATIONS && rows.every((r) => r.status !== "PENDING")) break;
    }

    // exactly one row per key, and it is the one the API answered with
    expect(rows).toHaveLength(INVOCATIONS);
    expect(new Set(rows.map((r) => r.idempotencyKey)).size).toBe(INVOCATIONS);
    for (const [i, answer] of answers) expect(rows.find((r) => r.idempotencyKey === keys[i])?.id).toBe(answer.id);
    expect(answers.size).toBe(INVOCATIONS);
    // none left PENDING: finished, or INTERRUPTED with the reason
    expect(rows.filter((r) => r.status === "PENDING")).toEqual([]);
    for (const r of rows) {
      expect([...FINISHED, "INTERRUPTED"], r.id).toContain(r.status);
      if (r.status === "INTERRUPTED") expect(r.statusMessage, r.id).toMatch(/\S/);
    }
    // no command reached the platform twice
    const sent = (await emulatorRequests(since)).filter((r) => r.query.action === "invokeService");
    const perLabel = new Map<string, number>();
    for (const r of sent) {
      const l = (JSON.parse(r.body) as { inputData?: { label?: string } }).inputData?.label ?? "";
      if (l.startsWith(`crash-${run}-`)) perLabel.set(l, (perLabel.get(l) ?? 0) + 1);
    }
    expect([...perLabel].filter(([, n]) => n > 1)).toEqual([]);
    // a call the platform never saw was never reported as done
    for (const r of rows.filter((x) => x.status === "SUCCEEDED")) {
      const i = keys.indexOf(r.idempotencyKey);
      expect(perLabel.get(label(i)), `${label(i)} SUCCEEDED without reaching the platform`).toBe(1);
    }
    // the kills caught calls between recording and finishing, and the reconciler dealt with them
    const interrupted = await db(async (c) => (await c.query<{ n: number }>(
      `SELECT count(DISTINCT i."id")::int AS n FROM "invocation" i JOIN "invocation_event" e ON e."invocationId" = i."id"
       WHERE i."idempotencyKey" = ANY($1) AND e."type" = 'interrupted'`, [keys])).rows[0]!.n);
    expect(interrupted, "calls in flight when the console died were interrupted by the reconciler").toBeGreaterThan(0);
    const summary = `${restarts} restarts, ${retries} retries, ${pendingAnswers} answers still PENDING, ${interrupted} interrupted by the reconciler; ${Object.entries(countBy(rows.map((r) => r.status))).map(([s, n]) => `${s} ${n}`).join(", ")}; ${perLabel.size} commands reached the platform`;
    test.info().annotations.push({ type: "crash", description: summary });
    console.log(`[crash] ${summary}`);
  } finally {
    await server.stop();
    for (const dk of PUMPS) await setDevice("demoPump", dk, { latencyMs: 0 });
  }
});

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
