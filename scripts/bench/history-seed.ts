// A large audit history for the history and export benchmarks, written by PostgreSQL itself
// (INSERT … SELECT FROM generate_series): no rows travel over the wire. The secondary indexes are
// dropped for the load and rebuilt afterwards from their saved definitions, which is several times
// faster than maintaining 17 indexes row by row; the table ends exactly as the migrations made it.
import pg from "pg";

export interface HistorySeedOptions {
  url: string;
  rows: number;
  connectionId: string;
  connectionName: string;
  /** spread over this many days back from now */
  days?: number;
}

export interface HistorySeedResult {
  rows: number;
  insertMs: number;
  indexMs: number;
  /** a device key that has FAILED rows, for a filtered query */
  sampleDevice: string;
}

export async function seedHistory(opts: HistorySeedOptions): Promise<HistorySeedResult> {
  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  try {
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename = 'invocation' AND indexname <> 'invocation_pkey'`,
    );
    for (const ix of indexes) await client.query(`DROP INDEX "${ix.indexname}"`);
    const t0 = Date.now();
    const stepMs = Math.floor(((opts.days ?? 90) * 86_400_000) / opts.rows);
    // One statement, one pass (the status varies per device too: it follows i + i/1000). The mix: 85 % SUCCEEDED, 8 % FAILED, 4 % TIMED_OUT, 2 % INTERRUPTED,
    // 1 % QUEUED; 1,000 devices, 5 services, 4 users; the newest row is a second old.
    await client.query(
      `INSERT INTO "invocation" (
         "id", "idempotencyKey", "userId", "userEmail", "userRole", "connectionId", "connectionName", "platform", "orgId",
         "productKey", "deviceKey", "assetId", "deviceName", "serviceId", "serviceName", "input", "mode", "timeoutMs",
         "status", "output", "platformCode", "platformMessage", "statusMessage", "platformRequestId", "commandId",
         "requestedAt", "sentAt", "deviceRepliedAt", "completedAt", "latencyMs")
       SELECT
         gen_random_uuid(), NULL, 'bench-user-' || (i % 4), 'bench' || (i % 4) || '@example.com',
         (ARRAY['admin','engineer','product','engineer'])[1 + i % 4]::"Role",
         $1::uuid, $2, 'enos', 'o15000000000001',
         'benchPump', 'dev-' || lpad((i % 1000)::text, 4, '0'), 'As' || (i % 1000), 'Bench pump ' || (i % 1000),
         (ARRAY['reboot','setMode','getStatus','calibrate','configure'])[1 + i % 5], 'Service ' || (i % 5),
         jsonb_build_object('delay', i % 60, 'label', 'run ' || i), 'instant', 10000,
         s.status::"InvocationStatus",
         CASE WHEN s.status = 'SUCCEEDED' THEN jsonb_build_object('result', 'ok', 'speed', i % 3000) END,
         CASE s.status WHEN 'FAILED' THEN '11900' WHEN 'TIMED_OUT' THEN '11915' ELSE '0' END,
         CASE s.status WHEN 'FAILED' THEN 'Device is offline' WHEN 'TIMED_OUT' THEN 'The device''s response timed out' ELSE 'Success' END,
         CASE s.status WHEN 'SUCCEEDED' THEN NULL WHEN 'QUEUED' THEN NULL ELSE 'The device did not do it: ' || s.status END,
         md5(i::text), 'cmd-' || lpad(i::text, 8, '0'),
         t.at, t.at + interval '5 ms', CASE WHEN s.status = 'SUCCEEDED' THEN t.at + interval '40 ms' END,
         CASE WHEN s.status <> 'QUEUED' THEN t.at + interval '45 ms' END, CASE WHEN s.status <> 'QUEUED' THEN 45 END
       FROM generate_series(1, $3::int) AS i
       CROSS JOIN LATERAL (SELECT now() - interval '1 second' - (i::bigint * $4::bigint) * interval '1 millisecond' AS at) t
       CROSS JOIN LATERAL (SELECT (i + i / 1000) % 100 AS r) m
       CROSS JOIN LATERAL (SELECT CASE
         WHEN m.r < 85 THEN 'SUCCEEDED' WHEN m.r < 93 THEN 'FAILED' WHEN m.r < 97 THEN 'TIMED_OUT'
         WHEN m.r < 99 THEN 'INTERRUPTED' ELSE 'QUEUED' END AS status) s`,
      [opts.connectionId, opts.connectionName, opts.rows, stepMs],
    );
    const insertMs = Date.now() - t0;
    const t1 = Date.now();
    // two builders side by side (this machine has two cores)
    const second = new pg.Client({ connectionString: opts.url });
    await second.connect();
    try {
      const build = async (c: pg.Client, part: typeof indexes) => {
        await c.query("SET maintenance_work_mem = '256MB'");
        for (const ix of part) await c.query(ix.indexdef);
      };
      await Promise.all([build(client, indexes.filter((_, i) => i % 2 === 0)), build(second, indexes.filter((_, i) => i % 2 === 1))]);
    } finally {
      await second.end();
    }
    await client.query(`ANALYZE "invocation"`);
    return { rows: opts.rows, insertMs, indexMs: Date.now() - t1, sampleDevice: "dev-0093" };
  } finally {
    await client.end();
  }
}
