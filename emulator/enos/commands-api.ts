// /connect-service/v2.1/commands: action=get, search and cancel (enos.md §2.3).
import type { ApiResponse } from "../http/types";
import { assertOrg, deviceSelector, jsonBody, requireParam } from "./args";
import type { EnosDevice } from "./catalog";
import type { CommandRecord } from "./commands";
import type { EnosContext } from "./context";
import { EnosError, NOT_FOUND, ok } from "./envelope";
import type { FieldSpec } from "./expression";
import { formatLocal, timeRange } from "./local-time";
import { expressionFilter, paged, pagination, projectionParam } from "./paging";
import { project } from "./projection";

// "page size stated as 100" for command searches; the maximum is not documented
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
/** commandType 2 = service invocation (1 = set measurepoint, not emulated) */
const SERVICE_INVOCATION = 2;

/** The v2.1 Command struct. */
export function commandStruct(c: CommandRecord): Record<string, unknown> {
  return {
    commandId: c.commandId,
    orgId: c.orgId,
    productKey: c.productKey,
    deviceKey: c.deviceKey,
    assetId: c.assetId,
    createTime: c.createTime,
    createLocaltime: formatLocal(c.createTime, c.timezone),
    commandType: SERVICE_INVOCATION,
    commandName: c.commandName,
    timeout: c.timeout,
    pendingTtl: c.pendingTtl,
    state: c.state,
    tslIdentifier: c.tslIdentifier,
    inputData: c.inputData,
    outputData: c.outputData,
  };
}

export async function getCommand(ctx: EnosContext): Promise<ApiResponse> {
  const device = selectDevice(ctx);
  const commandId = requireParam(ctx.req.query, "commandId");
  const cmd = ctx.commands.get(commandId);
  if (!cmd || !belongsTo(cmd, device)) throw new EnosError(NOT_FOUND, `Command not found: ${commandId}`);
  return ok(commandStruct(cmd));
}

export async function searchCommands(ctx: EnosContext): Promise<ApiResponse> {
  const body = jsonBody(ctx.req.body);
  const page = pagination(body.pagination, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const projection = projectionParam(body.projection);
  const device = selectDevice(ctx);
  // literals such as '2019-08-13 09:00:00' are in the device's own zone
  const filter = expressionFilter(body.expression, commandFields(device.seed.timezone));
  // newest first, sorters ignored; the id breaks ties within one millisecond
  const all = ctx.commands
    .ofDevice(device.seed.productKey, device.seed.deviceKey)
    .filter(filter)
    .sort((a, b) => b.createTime - a.createTime || b.commandId.localeCompare(a.commandId));
  const { items, pagination: pageInfo } = paged(all, page);
  return ok(items.map((c) => project(commandStruct(c), projection)), "OK", { pagination: pageInfo });
}

/** Without commandId every waiting cached command of the device is cancelled. */
export async function cancelCommands(ctx: EnosContext): Promise<ApiResponse> {
  const device = selectDevice(ctx);
  const commandId = ctx.req.query.get("commandId") || undefined;
  if (commandId !== undefined) {
    const cmd = ctx.commands.get(commandId);
    if (!cmd || !belongsTo(cmd, device)) throw new EnosError(NOT_FOUND, `Command not found: ${commandId}`);
  }
  const cancelled = ctx.commands.cancel(device.seed.productKey, device.seed.deviceKey, commandId);
  return ok(cancelled.map(commandStruct));
}

/** orgId, the device selector and permission, in the platform's order; 99404 for no device. */
function selectDevice(ctx: EnosContext): EnosDevice {
  const orgId = requireParam(ctx.req.query, "orgId");
  const selector = deviceSelector(ctx.req.query);
  assertOrg(ctx.app, orgId);
  const device = ctx.catalog.findDevice(orgId, selector);
  if (!device) throw new EnosError(NOT_FOUND, "Device not found");
  return device;
}

function belongsTo(cmd: CommandRecord, d: EnosDevice): boolean {
  return cmd.productKey === d.seed.productKey && cmd.deviceKey === d.seed.deviceKey;
}

const byName = (locale?: "zh_CN" | "en_US"): FieldSpec<CommandRecord> => ({
  ops: ["like", "="],
  values: (c) => [locale ? (c.commandName.i18nValue?.[locale] ?? c.commandName.defaultValue) : c.commandName.defaultValue],
});

/** The command-search language: state, commandName.<locale> (locale required), createTime. */
export function commandFields(timezone: string): Record<string, FieldSpec<CommandRecord>> {
  return {
    state: { ops: ["=", "!=", "in"], values: (c) => [String(c.state)] },
    "commandName.default": byName(),
    "commandName.zh_CN": byName("zh_CN"),
    "commandName.en_US": byName("en_US"),
    createTime: {
      ops: ["=", "!=", ">", ">=", "<", "<="],
      values: (c) => [String(c.createTime)],
      ordered: { value: (c) => c.createTime, range: (literal) => timeRange(literal, timezone) },
    },
  };
}
