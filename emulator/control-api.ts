// The control API under /_emulator/ on each platform port: what tests and the demo use to look
// at the requests a platform received and to change how devices behave. Errors: `{error}` with
// HTTP 400 (bad input), 404 (unknown route or device) or 500 (e.g. a device could not connect).
import { BehaviourPatch, type DeviceRecord, type DeviceTable } from "./devices";
import { FaultSpec, type FaultTable } from "./http/faults";
import type { RequestLog } from "./http/request-log";
import { json, type ApiRequest, type ApiResponse, type Handler, type PlatformName } from "./http/types";
import { formatPath } from "./seed";

export interface ControlDeps {
  platform: PlatformName;
  requestLog: RequestLog;
  devices: DeviceTable;
  reset: () => Promise<void>;
  /** this port's transport faults; without it the /_emulator/faults routes answer 404 */
  faults?: FaultTable;
  /** platform-specific routes, keyed "METHOD /_emulator/..." */
  extra?: Record<string, Handler>;
}

const DEVICES_PREFIX = "/_emulator/devices/";

export function createControlApi(deps: ControlDeps): Handler {
  const routes: Record<string, Handler> = {
    "GET /_emulator/health": async () => json(200, { ok: true, platform: deps.platform }),
    "GET /_emulator/requests": async (req) => listRequests(deps, req),
    "DELETE /_emulator/requests": async () => {
      deps.requestLog.clear(deps.platform);
      return json(200, { ok: true });
    },
    "POST /_emulator/reset": async () => {
      await deps.reset();
      return json(200, { ok: true });
    },
    ...(deps.faults ? faultRoutes(deps.faults) : {}),
    ...deps.extra,
  };
  return async (req) => {
    const route = routes[`${req.method} ${req.path}`];
    if (route) return route(req);
    if (req.path.startsWith(DEVICES_PREFIX)) return deviceRoute(deps, req);
    return json(404, { error: `no control route ${req.method} ${req.path}` });
  };
}

function faultRoutes(faults: FaultTable): Record<string, Handler> {
  return {
    "GET /_emulator/faults": async () => json(200, { faults: faults.list() }),
    "DELETE /_emulator/faults": async () => {
      faults.clear();
      return json(200, { ok: true });
    },
    "POST /_emulator/faults": async (req) => {
      let input: unknown;
      try {
        input = req.body.trim() === "" ? {} : JSON.parse(req.body);
      } catch {
        return json(400, { error: "body must be JSON" });
      }
      const spec = FaultSpec.safeParse(input);
      if (!spec.success) {
        const issue = spec.error.issues[0];
        return json(400, { error: `${issue ? formatPath(issue.path) || "body" : "body"}: ${issue?.message ?? "invalid"}` });
      }
      return json(200, { ok: true, fault: faults.arm(spec.data) });
    },
  };
}

function listRequests(deps: ControlDeps, req: ApiRequest): ApiResponse {
  const raw = req.query.get("since") ?? "0";
  if (!/^\d+$/.test(raw)) return json(400, { error: "since must be a non-negative integer (a seq)" });
  return json(200, { requests: deps.requestLog.list(deps.platform, Number(raw)) });
}

async function deviceRoute(deps: ControlDeps, req: ApiRequest): Promise<ApiResponse> {
  const parts = req.path.slice(DEVICES_PREFIX.length).split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    return json(404, { error: "expected /_emulator/devices/{productKey}/{deviceKey}" });
  }
  const [productKey, deviceKey] = parts.map((p) => decodeURIComponent(p)) as [string, string];
  const rec = deps.devices.get(deps.platform, productKey, deviceKey);
  if (!rec) return json(404, { error: `no ${deps.platform} device ${productKey}/${deviceKey} in the seed` });
  if (req.method === "GET") return json(200, describe(rec));
  if (req.method !== "POST") return json(404, { error: `no control route ${req.method} ${req.path}` });
  return updateDevice(deps.devices, rec, req.body);
}

async function updateDevice(devices: DeviceTable, rec: DeviceRecord, body: string): Promise<ApiResponse> {
  let input: unknown;
  try {
    input = body.trim() === "" ? {} : JSON.parse(body);
  } catch {
    return json(400, { error: "body must be JSON" });
  }
  const patch = BehaviourPatch.safeParse(input);
  if (!patch.success) {
    const issue = patch.error.issues[0];
    return json(400, { error: `${issue ? formatPath(issue.path) || "body" : "body"}: ${issue?.message ?? "invalid"}` });
  }
  try {
    await devices.update(rec, patch.data);
  } catch (e) {
    return json(500, { error: `device ${rec.productKey}/${rec.deviceKey} could not connect: ${(e as Error).message}` });
  }
  return json(200, describe(rec));
}

/** A device's control state; `connected` is null where no device protocol is emulated yet. */
export function describe(rec: DeviceRecord): Record<string, unknown> {
  return {
    platform: rec.platform,
    productKey: rec.productKey,
    deviceKey: rec.deviceKey,
    ...rec.behaviour,
    connected: rec.sim ? rec.sim.connected : null,
  };
}
