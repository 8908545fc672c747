// /connect-service/v2.1/devices: action=get and action=search.
import type { ApiResponse } from "../http/types";
import { assertOrg, deviceSelector, jsonBody, requireParam } from "./args";
import { deviceStruct, enosStatus, type EnosDevice } from "./catalog";
import type { EnosContext } from "./context";
import { EnosError, NOT_FOUND, ok } from "./envelope";
import type { FieldSpec } from "./expression";
import { expressionFilter, paged, pagination, projectionParam } from "./paging";
import { project } from "./projection";

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 200;

export async function getDevice(ctx: EnosContext): Promise<ApiResponse> {
  const orgId = requireParam(ctx.req.query, "orgId");
  const selector = deviceSelector(ctx.req.query);
  assertOrg(ctx.app, orgId);
  const device = ctx.catalog.findDevice(orgId, selector);
  if (!device) throw new EnosError(NOT_FOUND, "Device not found");
  return ok(deviceStruct(device));
}

export async function searchDevices(ctx: EnosContext): Promise<ApiResponse> {
  const orgId = requireParam(ctx.req.query, "orgId");
  const body = jsonBody(ctx.req.body);
  const page = pagination(body.pagination, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const filter = expressionFilter(body.expression, DEVICE_FIELDS);
  const projection = projectionParam(body.projection);
  assertOrg(ctx.app, orgId);
  // the platform sorts device searches by createTime, newest first, and ignores sorters
  const all = ctx.catalog
    .devicesInOrg(orgId)
    .filter(filter)
    .sort((a, b) => b.record.times.createTime - a.record.times.createTime);
  const { items, pagination: pageInfo } = paged(all, page);
  return ok(items.map((d) => project(deviceStruct(d), projection)), "OK", { pagination: pageInfo });
}

/** The name in one locale (falling back to the default), or every name when no locale is given. */
function names(d: EnosDevice, locale?: "zh_CN" | "en_US"): string[] {
  const n = d.seed.deviceName ?? { defaultValue: d.seed.deviceKey };
  if (locale) return [n.i18nValue?.[locale] ?? n.defaultValue];
  return [n.defaultValue, ...Object.values(n.i18nValue ?? {})];
}

const byKey = (get: (d: EnosDevice) => string): FieldSpec<EnosDevice> => ({ ops: ["=", "!=", "in"], values: (d) => [get(d)] });

/** The fields of the device-search language the emulator supports. */
export const DEVICE_FIELDS: Record<string, FieldSpec<EnosDevice>> = {
  productKey: byKey((d) => d.seed.productKey),
  deviceKey: byKey((d) => d.seed.deviceKey),
  assetId: byKey((d) => d.seed.assetId),
  modelId: byKey((d) => d.product.modelId),
  status: byKey((d) => enosStatus(d)),
  deviceName: { ops: ["like"], values: (d) => names(d) },
  "deviceName.default": { ops: ["like"], values: (d) => [d.seed.deviceName?.defaultValue ?? d.seed.deviceKey] },
  "deviceName.zh_CN": { ops: ["like"], values: (d) => names(d, "zh_CN") },
  "deviceName.en_US": { ops: ["like"], values: (d) => names(d, "en_US") },
};
