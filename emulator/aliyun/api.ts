// The Alibaba Cloud IoT (2018-01-20) RPC API on path `/`: GET or POST, parameters in the query
// and/or a form body. Gateway first (route, version, signature, nonce, 500 calls/s per
// AccessKey), then the action; answers in JSON or, with `Format=XML`, XML.
import type { DeviceTable } from "../devices";
import { json, type ApiRequest, type ApiResponse, type Handler } from "../http/types";
import type { PlatformLink } from "../mqtt/platform-link";
import type { Seed } from "../seed";
import { authenticate, MAX_SKEW_MS, routeOf } from "./auth";
import { AliyunCatalog } from "./catalog";
import type { Action, AliyunContext } from "./context";
import { queryDevice, queryDeviceDetail, queryProductList } from "./devices-api";
import { AliyunError, businessError, formatOf, GatewayError, gatewayError, success, type Format } from "./envelope";
import { ServiceHistory } from "./history";
import { invokeThingService, invokeThingsService } from "./invoke";
import { NonceStore, RateLimiter } from "./limits";
import { getThingModelTsl, queryThingModel } from "./models-api";
import { readParams, type Params } from "./params";
import { queryDeviceServiceData } from "./service-data-api";

export const API_VERSION = "2018-01-20";

const ACTIONS: Record<string, Action> = {
  InvokeThingService: invokeThingService,
  InvokeThingsService: invokeThingsService,
  GetThingModelTsl: getThingModelTsl,
  GetThingModelTslPublished: getThingModelTsl,
  QueryThingModel: queryThingModel(false),
  QueryThingModelPublished: queryThingModel(true),
  QueryDeviceDetail: queryDeviceDetail,
  QueryDevice: queryDevice,
  QueryProductList: queryProductList,
  QueryDeviceServiceData: queryDeviceServiceData,
};

export interface AliyunApiDeps {
  seed: Seed;
  devices: DeviceTable;
  link: PlatformLink;
  now: () => number;
  log: (line: string) => void;
}

export interface AliyunApi {
  handler: (req: ApiRequest) => Promise<ApiResponse>;
  /** forgets nonces, call rates and service history (control API reset) */
  reset(): void;
  /** control routes of the Alibaba part */
  controlRoutes: Record<string, Handler>;
}

export function createAliyunApi(deps: AliyunApiDeps): AliyunApi {
  const catalog = new AliyunCatalog(deps.seed, deps.devices);
  const history = new ServiceHistory();
  // a nonce only needs remembering while its timestamp could still pass the skew check
  const nonces = new NonceStore(2 * MAX_SKEW_MS);
  const limiter = new RateLimiter(500, 1000);

  const handler = async (req: ApiRequest): Promise<ApiResponse> => {
    const params = readParams(req);
    const format = formatOf(params.get("Format"));
    const hostId = String(req.headers.host ?? "iot.aliyuncs.com");
    let action = "";
    try {
      const route = gateway(req, params);
      action = route.name;
      const account = authenticate(req, params, { catalog, nonces, now: deps.now() });
      if (!limiter.allow(account.accessKeyId, deps.now())) {
        throw new GatewayError(400, "Throttling.User", "Request was denied due to user flow control.");
      }
      const ctx: AliyunContext = { params, account, catalog, link: deps.link, history, now: deps.now, log: deps.log };
      return success(action, await route.run(ctx), format);
    } catch (e) {
      return answerError(e, action, hostId, format, deps.log);
    }
  };
  return {
    handler,
    reset: () => {
      history.clear();
      nonces.reset();
      limiter.reset();
    },
    controlRoutes: {
      // POST {"windowMs": n}: the 500-call limit then counts over n ms (until reset)
      "POST /_emulator/aliyun/rate-limit": async (req) => {
        const windowMs = Number((JSON.parse(req.body || "{}") as { windowMs?: unknown }).windowMs);
        if (!Number.isInteger(windowMs) || windowMs < 1 || windowMs > 60_000) return json(400, { error: "windowMs must be 1..60000" });
        limiter.windowMs = windowMs;
        return json(200, { ok: true, limit: limiter.limit, windowMs });
      },
    },
  };
}

/** Routing the gateway does before authentication: the action must exist in this version. */
function gateway(req: ApiRequest, params: Params): { name: string; run: Action } {
  if (req.path !== "/" || (req.method !== "GET" && req.method !== "POST")) {
    throw new GatewayError(404, "InvalidAction.NotFound", `Specified api is not found, please check your url and method (${req.method} ${req.path}).`);
  }
  const { action, version } = routeOf(req, params);
  if (!action) throw new GatewayError(400, "MissingAction", "Action is mandatory for this request.");
  const run = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (!run) throw new GatewayError(404, "InvalidAction.NotFound", `Specified api is not found, please check your url and method (Action=${action}).`);
  if (!version) throw new GatewayError(400, "MissingVersion", "Version is mandatory for this request.");
  if (version !== API_VERSION) throw new GatewayError(400, "InvalidVersion", `Specified parameter Version is not valid (${version}; this API is ${API_VERSION}).`);
  return { name: action, run };
}

function answerError(e: unknown, action: string, hostId: string, format: Format, log: (line: string) => void): ApiResponse {
  if (e instanceof GatewayError) return gatewayError(e, hostId, format);
  if (e instanceof AliyunError) return businessError(action, e, format);
  log(`aliyun ${action} failed: ${(e as Error).stack ?? String(e)}`);
  return businessError(action, new AliyunError("iot.system.SystemException", "An internal error occurred; try again."), format);
}
