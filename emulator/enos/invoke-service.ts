// POST /connect-service/v2.1/commands?action=invokeService: instant (pendingTtl 0) and cached
// (pendingTtl 1..172800 s) commands. Checks run in the platform's order: arguments, permission,
// device, service, input, then device state (instant) or queue room (cached).
import type { ApiResponse } from "../http/types";
import { assertOrg, deviceSelector, intParam, jsonBody, requireParam } from "./args";
import { enosStatus, type EnosDevice } from "./catalog";
import type { InstantResult, NewCommand } from "./commands";
import type { EnosContext } from "./context";
import { EnosError, INTERNAL, invalidArgument, NOT_FOUND, ok, failure } from "./envelope";
import { checkInputData, isPlainObject } from "./input-check";

export const MAX_PENDING_TTL_S = 172_800;
export const DEFAULT_TIMEOUT_S = 30;

export const CODE_OFFLINE = 11900;
export const CODE_QUEUE_FULL = 11902;
export const CODE_NOT_SENT = 11904;
export const CODE_RESPONSE_TIMEOUT = 11915;
export const CODE_NOT_ACTIVATED = 11888;

export async function invokeService(ctx: EnosContext): Promise<ApiResponse> {
  const { query } = ctx.req;
  const orgId = requireParam(query, "orgId");
  const selector = deviceSelector(query);
  const serviceId = requireParam(query, "serviceId");
  const pendingTtl = intParam(query, "pendingTtl", 0, MAX_PENDING_TTL_S, 0);
  const timeout = intParam(query, "timeout", 1, 60, DEFAULT_TIMEOUT_S);
  const inputData = readInputData(ctx.req.body);

  assertOrg(ctx.app, orgId);
  const device = ctx.catalog.findDevice(orgId, selector);
  if (!device) throw new EnosError(NOT_FOUND, "Device not found");
  const service = ctx.catalog.service(device.seed.productKey, serviceId);
  if (!service) throw invalidArgument("serviceId", `${serviceId} is not a service of model ${device.product.modelId}`);
  const problem = checkInputData(service.inputs, inputData);
  if (problem) throw invalidArgument(problem);

  const command: NewCommand = {
    orgId,
    productKey: device.seed.productKey,
    deviceKey: device.seed.deviceKey,
    assetId: device.seed.assetId,
    timezone: device.seed.timezone,
    commandName: ctx.catalog.serviceName(device.seed.productKey, serviceId),
    tslIdentifier: serviceId,
    timeout,
    pendingTtl,
    inputData,
  };
  return pendingTtl > 0 ? queueCached(ctx, command) : runInstant(ctx, device, command);
}

/** Body `{"inputData": {...}}`; optional since v2.3, so a missing one means no inputs. */
function readInputData(raw: string): Record<string, unknown> {
  const body = jsonBody(raw);
  const input = body.inputData ?? {};
  if (!isPlainObject(input)) throw invalidArgument("inputData", "must be a JSON object");
  return input;
}

/** A cached command is answered at once with its id; delivery happens in the queue's own time. */
function queueCached(ctx: EnosContext, command: NewCommand): ApiResponse {
  const cmd = ctx.commands.enqueue(command);
  if (!cmd) return failure(CODE_QUEUE_FULL, "The device's cached-command queue is full (50 commands)");
  return ok({ commandId: cmd.commandId }, "Success");
}

async function runInstant(ctx: EnosContext, device: EnosDevice, command: NewCommand): Promise<ApiResponse> {
  const status = enosStatus(device);
  if (status === "inactive") return failure(CODE_NOT_ACTIVATED, "Device is not activated, the command cannot be sent");
  if (status === "offline") return failure(CODE_OFFLINE, "Device is offline, the instant command cannot be sent");
  const { cmd, result } = ctx.commands.instant(command);
  return instantAnswer(cmd.commandId, await result);
}

function instantAnswer(commandId: string, result: InstantResult): ApiResponse {
  switch (result.kind) {
    case "closed":
      return failure(INTERNAL, "Internal Server Error");
    case "not-sent":
      return failure(CODE_NOT_SENT, "The instant command could not be sent before the timeout");
    case "no-reply":
      return failure(CODE_RESPONSE_TIMEOUT, "The device's response timed out");
    case "reply":
      if (result.code === 200) return ok({ commandId, outputData: result.data ?? {} }, "Success");
      // The contract does not say how a device error surfaces on an instant call. The emulator's
      // choice: the device's code and message as the response code/msg, with the commandId kept.
      return failure(Number.isFinite(result.code) ? result.code : INTERNAL, result.message ?? "device returned error", {
        commandId,
        outputData: null,
      });
  }
}
