// The batch use case (Alibaba InvokeThingsService): one async service on up to 100 devices of one
// product. Validate once → record one PENDING row per device → one platform call → finish every
// row. The call returns no MessageId: the reconciler finds each device's reply by service and time.
import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { assertCanInvokeOn } from "../auth/scope";
import { getConnectionForInvoke } from "../connections";
import { getDeviceForInvoke, type DeviceWithServices } from "../devices";
import { ALIYUN_BATCH_MAX_DEVICES, TIMEOUT_LIMITS } from "../platforms/limits";
import { getAdapter } from "../platforms/registry";
import type { ConnectionConfig, DeviceSummary, InvokeOutcome, PlatformAdapter } from "../platforms/types";
import type { Locale, ServiceSpec } from "../thing-model/types";
import { validateInput } from "../thing-model/validate";
import type { BatchView } from "./batch-view";
import { checkReason } from "./dangerous";
import { inputShapeIssues } from "./input-guard";
import { ensureInstanceRegistered, instanceId } from "./instance";
import { outcomeFromError } from "./outcome";
import type { HistoryScope } from "./queries";
import { InputValidationError, type CurrentUser, type FieldIssue } from "./types";
import { auditIdentity } from "./audit-row";
import { finishPendingBatch, outcomeRecord, withRetries } from "./audit-writes";
import { toInvocationView } from "./view";

export const MAX_BATCH_DEVICES = ALIYUN_BATCH_MAX_DEVICES;
/** Device look-ups run this many at a time: enough to be quick, few enough for the platform's QPS limits. */
const LOOKUP_CONCURRENCY = 5;

export interface BatchParams {
  connectionId: string;
  productKey: string;
  /** Alibaba DeviceNames, all of `productKey` */
  deviceNames: string[];
  serviceId: string;
  input: unknown;
  /** the same key answers a retried request with its first batch */
  idempotencyKey?: string;
  /** why the caller confirms the call: required when the service is marked dangerous */
  reason?: string | null;
  /** the language of input problems reported back (the form's); default en-US */
  locale?: Locale;
}

type BatchCall = NonNullable<PlatformAdapter["invokeBatch"]>;

interface Prepared {
  conn: ConnectionConfig;
  call: BatchCall;
  devices: DeviceSummary[];
  service: ServiceSpec;
  input: Record<string, unknown>;
  reason: string | null;
}

/** Input that fails validation throws InputValidationError: nothing is recorded and nothing is sent. */
export async function invokeBatch(user: CurrentUser, params: BatchParams): Promise<BatchView> {
  const prepared = await prepare(user, params);
  if ("existing" in prepared) return prepared.existing;
  const { conn, call, devices, service, input, reason } = prepared;

  await ensureInstanceRegistered();
  const recorded = await record(user, conn, devices, service, input, params, reason);
  if ("existing" in recorded) return recorded.existing;

  const callStartedAt = new Date();
  let outcome: InvokeOutcome;
  try {
    outcome = await call(conn, params.productKey, devices.map((d) => d.deviceKey), service, input);
  } catch (error) {
    outcome = outcomeFromError(error, conn);
  }
  await finish(recorded.batchId, recorded.requestedAt, callStartedAt, outcome);
  return (await loadBatch(recorded.batchId, {}))!;
}

/** Everything that may refuse the batch, cheapest first: grants, the device list and input shape, then the platform. */
async function prepare(user: CurrentUser, params: BatchParams): Promise<Prepared | { existing: BatchView }> {
  await assertCanInvokeOn(user, params.connectionId, params.productKey);
  const listIssues = deviceListIssues(params.deviceNames);
  if (listIssues.length) throw new InputValidationError(listIssues);
  const shape = inputShapeIssues(params.input);
  if (shape.length) throw new InputValidationError(shape);
  const { conn, dangerous } = await getConnectionForInvoke(params.connectionId, { productKey: params.productKey, serviceId: params.serviceId });
  const call = getAdapter(conn.platform).invokeBatch;
  if (!call) {
    throw new InputValidationError([
      { path: "connectionId", message: `connection “${conn.name}” cannot invoke a batch: batches are sent with Alibaba Cloud IoT's InvokeThingsService` },
    ]);
  }
  if (params.idempotencyKey) {
    const existing = await findByIdempotencyKey(params.idempotencyKey, params.deviceNames, user);
    if (existing) return { existing };
  }
  const found = await lookUpDevices(conn, params.productKey, params.deviceNames);
  const { service, input } = checkRequest(found, params);
  return { conn, call, devices: found.map((f) => f.device), service, input, reason: checkReason(params.reason, dangerous) };
}

/** 1 to 100 distinct names: the limit of InvokeThingsService, checked before anything is looked up. */
export function deviceListIssues(deviceNames: readonly string[]): FieldIssue[] {
  if (deviceNames.length === 0) return [{ path: "deviceNames", message: "select at least one device" }];
  if (deviceNames.length > MAX_BATCH_DEVICES) {
    return [
      {
        path: "deviceNames",
        message: `a batch takes at most ${MAX_BATCH_DEVICES} devices (Alibaba InvokeThingsService), but ${deviceNames.length} were selected: select fewer devices or split them into several batches`,
      },
    ];
  }
  const repeated = new Set(deviceNames.filter((n, i) => deviceNames.indexOf(n) !== i));
  return repeated.size ? [{ path: "deviceNames", message: `lists ${[...repeated].join(", ")} more than once` }] : [];
}

/** Each device, from the cache when fresh (also proves it exists and belongs to the product). */
async function lookUpDevices(conn: ConnectionConfig, productKey: string, deviceNames: string[]): Promise<DeviceWithServices[]> {
  const found: DeviceWithServices[] = new Array<DeviceWithServices>(deviceNames.length);
  let next = 0;
  const worker = async () => {
    while (next < deviceNames.length) {
      const i = next++;
      found[i] = await getDeviceForInvoke(conn, { productKey, deviceKey: deviceNames[i]! });
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, deviceNames.length) }, worker));
  const strangers = found.filter((f) => f.device.productKey !== productKey).map((f) => f.device.deviceKey);
  if (strangers.length) {
    throw new InputValidationError([{ path: "deviceNames", message: `${strangers.join(", ")} ${strangers.length === 1 ? "is" : "are"} not of product ${productKey}` }]);
  }
  return found;
}

/** The service (async only: InvokeThingsService cannot wait for replies) and the input, validated once. */
function checkRequest(found: DeviceWithServices[], params: BatchParams): { service: ServiceSpec; input: Record<string, unknown> } {
  const service = found[0]?.services.find((s) => s.identifier === params.serviceId);
  if (!service) {
    throw new InputValidationError([{ path: "serviceId", message: `product ${params.productKey} has no service “${params.serviceId}”` }]);
  }
  if (service.callType !== "async") {
    throw new InputValidationError([
      { path: "serviceId", message: `${service.identifier} is a sync service; a batch can only call async services (Alibaba InvokeThingsService)` },
    ]);
  }
  const checked = validateInput(service, params.input, params.locale);
  if (!checked.ok) throw new InputValidationError(checked.issues);
  return { service, input: checked.value };
}

/** Rows of a batch carry `<key>:<device name>`, so the unique idempotency key column guards the whole batch. */
const rowKey = (key: string, deviceName: string) => `${key}:${deviceName}`;

async function findByIdempotencyKey(key: string, deviceNames: string[], user: CurrentUser): Promise<BatchView | null> {
  const first = deviceNames[0];
  const row = first === undefined ? null : await prisma.invocation.findUnique({ where: { idempotencyKey: rowKey(key, first) } });
  if (!row) return null;
  if (row.userId !== user.id || !row.batchId) {
    throw new InputValidationError([{ path: "idempotencyKey", message: "was already used; send a new one for a new request" }]);
  }
  return loadBatch(row.batchId, {});
}

type Recorded = { batchId: string; requestedAt: Date } | { existing: BatchView };

async function record(
  user: CurrentUser,
  conn: ConnectionConfig,
  devices: DeviceSummary[],
  service: ServiceSpec,
  input: Record<string, unknown>,
  params: BatchParams,
  reason: string | null,
): Promise<Recorded> {
  const batchId = randomUUID();
  const requestedAt = new Date();
  const mode = service.callType;
  // Alibaba fixes no timeout for async calls; the platform's value is kept for the record, and the
  // reconciler gives up on a reply after ASYNC_REPLY_WAIT_S
  const timeoutMs = TIMEOUT_LIMITS[conn.platform].defaultMs;
  const rows = devices.map((d) => ({
    id: randomUUID(),
    idempotencyKey: params.idempotencyKey ? rowKey(params.idempotencyKey, d.deviceKey) : null,
    batchId,
    ...auditIdentity(user, conn, d, service),
    input: input as Prisma.InputJsonObject,
    reason,
    mode,
    timeoutMs,
    pendingTtlS: null,
    status: "PENDING" as const,
    ownerInstanceId: instanceId,
    requestedAt,
  }));
  const recordedEvent = { mode, timeoutMs, batchId, batchSize: rows.length, ...(reason ? { reason } : {}) };
  try {
    await prisma.$transaction([
      prisma.invocation.createMany({ data: rows }),
      prisma.invocationEvent.createMany({ data: rows.map((r) => ({ invocationId: r.id, type: "recorded", data: recordedEvent })) }),
    ]);
  } catch (error) {
    // a concurrent request with the same idempotency key won the insert: answer with its batch
    if (params.idempotencyKey && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const existing = await findByIdempotencyKey(params.idempotencyKey, params.deviceNames, user);
      if (existing) return { existing };
    }
    throw error;
  }
  return { batchId, requestedAt };
}

/** Every row gets the one call's outcome; accepted rows go to the reconciler to await their device's reply. */
async function finish(batchId: string, requestedAt: Date, callStartedAt: Date, outcome: InvokeOutcome): Promise<void> {
  const { fields, event } = outcomeRecord(outcome, { requestedAt, callStartedAt, now: new Date() }, { batchId });
  await withRetries(() => finishPendingBatch(batchId, fields, event));
}

/** The batch's rows the scope lets the caller read (lib/auth/scope.ts historyScope), null when none. */
export async function loadBatch(batchId: string, scope: HistoryScope): Promise<BatchView | null> {
  const rows = await prisma.invocation.findMany({ where: { AND: [scope, { batchId }] }, orderBy: [{ deviceKey: "asc" }, { id: "asc" }] });
  const first = rows[0];
  if (!first) return null;
  return {
    batchId,
    connectionId: first.connectionId,
    connectionName: first.connectionName,
    productKey: first.productKey,
    serviceId: first.serviceId,
    serviceName: first.serviceName,
    requestedAt: first.requestedAt.toISOString(),
    rows: rows.map((r) => toInvocationView(r)),
  };
}

/** Someone is watching the batch: let the reconciler ask about its waiting rows on its next tick. */
export async function requestBatchPoll(batchId: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "invocation" SET "nextPollAt" = now()
    WHERE "batchId" = ${batchId}::uuid AND "status" IN ('QUEUED', 'SENT') AND "nextPollAt" > now() + interval '2 seconds'`;
}
