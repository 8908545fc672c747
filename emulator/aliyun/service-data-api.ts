// QueryDeviceServiceData (aliyun.md §3.5): a device's service calls between StartTime and EndTime,
// oldest first (Asc=1) or newest first (Asc=0); next page: StartTime = NextTime while NextValid.
import type { AliyunContext } from "./context";
import { AliyunError, missing } from "./envelope";
import type { ServiceCall } from "./history";
import { checkInstance, intParam, selectDevice, type Params } from "./params";

const KEEP_MS = 30 * 24 * 3_600_000;

function timeParam(p: Params, name: string): number {
  const raw = p.get(name);
  if (!raw) throw missing(name);
  if (!/^\d{1,15}$/.test(raw)) throw new AliyunError("iot.system.IllegalRequest", `${name} must be a time in milliseconds.`);
  return Number(raw);
}

export async function queryDeviceServiceData(ctx: AliyunContext): Promise<Record<string, unknown>> {
  checkInstance(ctx.params, ctx.account);
  const device = selectDevice(ctx.params, ctx.catalog);
  const start = timeParam(ctx.params, "StartTime");
  const end = timeParam(ctx.params, "EndTime");
  const pageSize = intParam(ctx.params, "PageSize", { min: 1, max: 50, def: 10, code: "iot.common.InvalidPageParams" });
  const asc = intParam(ctx.params, "Asc", { min: 0, max: 1, def: 0, code: "iot.system.IllegalRequest" }) === 1;
  // Scanning starts at StartTime: newest-first queries give the newer bound as StartTime; a
  // range given the other way round is read as the same range. Only the last 30 days are kept.
  const lo = Math.max(Math.min(start, end), ctx.now() - KEEP_MS);
  const hi = Math.max(start, end);
  const calls = ctx.history.list(device.seed.iotId, ctx.params.get("Identifier") || undefined).filter((c) => c.time >= lo && c.time <= hi);
  const ordered = asc ? calls : [...calls].reverse();
  const page = ordered.slice(0, pageSize);
  const next = ordered[pageSize];
  return {
    Data: {
      List: { ServiceInfo: page.map(serviceInfo) },
      NextValid: next !== undefined,
      NextTime: next?.time ?? (asc ? hi : lo),
    },
  };
}

function serviceInfo(c: ServiceCall): Record<string, unknown> {
  return { Identifier: c.identifier, Name: c.name, Time: String(c.time), InputData: c.inputData, OutputData: c.outputData ?? "" };
}
