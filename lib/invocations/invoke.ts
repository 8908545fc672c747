import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "../db";
import { getConnectionForInvoke } from "../connections";
import { getDeviceForInvoke } from "../devices";
import { getAdapter } from "../platforms/registry";
import { checkPendingTtl, checkTimeout } from "../platforms/limits";
import type { ConnectionConfig, DeviceRef, DeviceSummary, InvokeOutcome } from "../platforms/types";
import { validateInput } from "../thing-model/validate";
import type { Locale, ServiceSpec } from "../thing-model/types";
import { outcomeFromError } from "./outcome";
import { ensureInstanceRegistered, instanceId } from "./instance";
import { InputValidationError, type CurrentUser, type FieldIssue, type InvocationView } from "./types";
import { auditIdentity } from "./audit-row";
import { toInvocationView } from "./view";
import { assertCanInvokeOn } from "../auth/scope";
import { ForbiddenError, OutOfScopeError } from "../auth/permissions";
import { checkReason, isDangerous } from "./dangerous";
import { inputShapeIssues } from "./input-guard";
import { finishPending, insertPending, outcomeRecord, withRetries } from "./audit-writes";

export interface InvokeParams {
  connectionId: string;
  device: DeviceRef;
  serviceId: string;
  input: unknown;
  timeoutMs: number;
  pendingTtlS?: number;
  idempotencyKey?: string;
  /** why the caller confirms the call: required when the service is marked dangerous */
  reason?: string | null;
  /** the language of input problems reported back (the form's); default en-US */
  locale?: Locale;
}

/**
 * The use case: validate → record (PENDING) → call the platform → finish the record.
 * Input that fails validation throws InputValidationError and never reaches a platform or the history.
 */
export async function invokeService(user: CurrentUser, params: InvokeParams, early?: EarlyLookups): Promise<InvocationView> {
  return (await invokeServiceResult(user, params, early)).invocation;
}

type ConnectionLookup = Awaited<ReturnType<typeof getConnectionForInvoke>>;

/** Lookups a caller may start before it knows the user, so they overlap with the session or token check. */
export interface EarlyLookups {
  connection?: Promise<ConnectionLookup>;
}

/**
 * Starts reading the connection (and the service's danger mark) for `params`. Nothing of it is used
 * or shown before the user is authorized; a failure surfaces only when invokeService awaits it.
 */
export function startConnectionLookup(params: Pick<InvokeParams, "connectionId" | "device" | "serviceId">): Promise<ConnectionLookup> {
  const lookup = getConnectionForInvoke(params.connectionId, { productKey: params.device.productKey, serviceId: params.serviceId });
  lookup.catch(() => undefined); // awaited later, or dropped when the caller is refused first
  return lookup;
}

/**
 * invokeService, also saying whether this request made the invocation: false when its idempotency
 * key belongs to an earlier one (taken at the insert, or found when the request fails its checks),
 * which is then answered as it is, without calling the platform.
 */
export async function invokeServiceResult(
  user: CurrentUser,
  params: InvokeParams,
  early: EarlyLookups = {},
): Promise<{ created: boolean; invocation: InvocationView }> {
  const prepared = await prepareOrExisting(user, params, early);
  if ("existing" in prepared) return { created: false, invocation: prepared.existing };
  const { conn, device, service, input, reason } = prepared;
  const ref: DeviceRef = { ...params.device, assetId: params.device.assetId ?? device.assetId, iotId: device.iotId };

  await ensureInstanceRegistered();
  const recorded = await record(user, conn, device, service, input, params, reason);
  if (!recorded.created) return { created: false, invocation: recorded.view };

  const callStartedAt = new Date();
  let outcome: InvokeOutcome;
  try {
    outcome = await getAdapter(conn.platform).invoke(conn, {
      device: ref,
      service,
      input,
      timeoutMs: params.timeoutMs,
      pendingTtlS: params.pendingTtlS,
    });
  } catch (error) {
    outcome = outcomeFromError(error, conn);
  }
  return { created: true, invocation: await finish(recorded.view.id, recorded.requestedAt, callStartedAt, outcome) };
}

interface Prepared {
  conn: ConnectionConfig;
  device: DeviceSummary;
  service: ServiceSpec;
  input: Record<string, unknown>;
  reason: string | null;
}

/**
 * Everything that may refuse the request, cheapest and least revealing first: the user's role and
 * grants, then the input's shape (no I/O), then the connection, the device and its thing model.
 */
async function prepare(user: CurrentUser, params: InvokeParams, early: EarlyLookups): Promise<Prepared> {
  // one query for the connection and the service's danger mark, overlapping the grants check
  const connection = early.connection ?? startConnectionLookup(params);
  await assertCanInvokeOn(user, params.connectionId, params.device.productKey);
  const shape = inputShapeIssues(params.input);
  if (shape.length) throw new InputValidationError(shape);
  const { conn, dangerous: markedOnAsked } = await connection;
  const limits = limitIssues(conn, params);
  if (limits.length) throw new InputValidationError(limits);
  const { device, services } = await getDeviceForInvoke(conn, params.device);
  // the platform may resolve an asset id to a device of another product than the one asked for
  const sameProduct = device.productKey === params.device.productKey;
  if (!sameProduct) await assertCanInvokeOn(user, conn.id, device.productKey);
  const { service, input } = checkRequest(device, services, params);
  const dangerous = sameProduct
    ? markedOnAsked
    : await isDangerous({ connectionId: conn.id, productKey: device.productKey, serviceId: service.identifier });
  return { conn, device, service, input, reason: checkReason(params.reason, dangerous) };
}

/**
 * A request that repeats an earlier one's idempotency key answers that invocation, even when it
 * would no longer pass the checks (the device went away, the input is now refused): the key is
 * looked up only then, and at the insert, so a new request costs no extra query.
 */
async function prepareOrExisting(user: CurrentUser, params: InvokeParams, early: EarlyLookups): Promise<Prepared | { existing: InvocationView }> {
  try {
    return await prepare(user, params, early);
  } catch (error) {
    if (params.idempotencyKey && !(error instanceof OutOfScopeError) && !(error instanceof ForbiddenError)) {
      const existing = await findByIdempotencyKey(params.idempotencyKey, user).catch(() => null);
      if (existing) return { existing };
    }
    throw error;
  }
}

function checkRequest(
  device: DeviceSummary,
  services: ServiceSpec[],
  params: InvokeParams,
): { service: ServiceSpec; input: Record<string, unknown> } {
  const service = services.find((s) => s.identifier === params.serviceId);
  if (!service) {
    throw new InputValidationError([
      { path: "serviceId", message: `the device ${device.deviceKey} has no service “${params.serviceId}”` },
    ]);
  }
  const checked = validateInput(service, params.input, params.locale);
  if (!checked.ok) throw new InputValidationError(checked.issues);
  return { service, input: checked.value };
}

/** The platform's limits on timeout and cache time, known before any device is looked up. */
function limitIssues(conn: ConnectionConfig, params: InvokeParams): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const timeoutProblem = checkTimeout(conn.platform, params.timeoutMs);
  if (timeoutProblem) issues.push({ path: "timeout", message: timeoutProblem });
  const ttlProblem = checkPendingTtl(params.pendingTtlS);
  if (ttlProblem) issues.push({ path: "pendingTtlS", message: ttlProblem });
  return issues;
}

/** A retried request answers its first invocation; someone else's key answers nothing of theirs. */
async function findByIdempotencyKey(key: string, user: CurrentUser): Promise<InvocationView | null> {
  const row = await prisma.invocation.findUnique({ where: { idempotencyKey: key } });
  if (row && row.userId !== user.id) {
    throw new InputValidationError([{ path: "idempotencyKey", message: "was already used; send a new one for a new request" }]);
  }
  return row ? toInvocationView(row) : null;
}

type Recorded =
  | { created: true; view: InvocationView; requestedAt: Date }
  | { created: false; view: InvocationView };

async function record(
  user: CurrentUser,
  conn: ConnectionConfig,
  device: DeviceSummary,
  service: ServiceSpec,
  input: Record<string, unknown>,
  params: InvokeParams,
  reason: string | null,
): Promise<Recorded> {
  const pendingTtlS = params.pendingTtlS ?? null;
  // EnOS v2.1 chooses per call; the older EnOS API and Alibaba follow the service's declared call type
  const mode = conn.platform === "enos" ? (pendingTtlS ? "cached" : "instant") : service.callType;
  const row = await insertPending(
    {
      id: randomUUID(),
      idempotencyKey: params.idempotencyKey ?? null,
      ...auditIdentity(user, conn, device, service),
      input,
      reason,
      mode,
      timeoutMs: params.timeoutMs,
      pendingTtlS,
      ownerInstanceId: instanceId,
      requestedAt: new Date(),
    },
    { mode, timeoutMs: params.timeoutMs, ...(reason ? { reason } : {}) },
  );
  if (row) return { created: true, view: toInvocationView(row), requestedAt: row.requestedAt };
  // A concurrent request with the same idempotency key won the insert: answer with its row, and
  // leave the platform call to it.
  const existing = params.idempotencyKey ? await findByIdempotencyKey(params.idempotencyKey, user) : null;
  if (!existing) throw new Error(`The invocation could not be recorded: its idempotency key is taken, but no row holds it.`);
  return { created: false, view: existing };
}

async function finish(id: string, requestedAt: Date, callStartedAt: Date, outcome: InvokeOutcome): Promise<InvocationView> {
  const { fields, event } = outcomeRecord(outcome, { requestedAt, callStartedAt, now: new Date() });
  return toInvocationView(await withRetries(() => finishPending(id, fields, event)));
}
