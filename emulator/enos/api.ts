// The EnOS HTTP API: token service, the older Data Service API (own signature), then for v2.1 the
// gateway check and `resource?action=` dispatch. A new v2.1 action is one entry in RESOURCES.
import { createLegacyApi, LEGACY_PREFIXES } from "../enos-legacy/api";
import type { ApiRequest, ApiResponse, Handler } from "../http/types";
import type { PlatformLink } from "../mqtt/platform-link";
import { authenticate } from "./auth";
import type { EnosCatalog } from "./catalog";
import { cancelCommands, getCommand, searchCommands } from "./commands-api";
import type { EnosContext } from "./context";
import { getDevice, searchDevices } from "./devices-api";
import { EnosError, failure, INTERNAL, invalidArgument, NOT_FOUND } from "./envelope";
import { invokeService } from "./invoke-service";
import { getThingModel, searchThingModels } from "./models-api";
import { getProduct, searchProducts } from "./products-api";
import type { EnosRuntime } from "./runtime";
import { createTokenApi } from "./token-api";
import type { TokenStore } from "./tokens";

interface Action {
  method: "GET" | "POST";
  run: (ctx: EnosContext) => Promise<ApiResponse>;
}

const RESOURCES: Record<string, Record<string, Action>> = {
  "/connect-service/v2.1/commands": {
    invokeService: { method: "POST", run: invokeService },
    get: { method: "GET", run: getCommand },
    search: { method: "POST", run: searchCommands },
    cancel: { method: "POST", run: cancelCommands },
  },
  "/connect-service/v2.1/devices": {
    get: { method: "GET", run: getDevice },
    search: { method: "POST", run: searchDevices },
  },
  "/connect-service/v2.1/products": {
    get: { method: "GET", run: getProduct },
    search: { method: "POST", run: searchProducts },
  },
  "/model-service/v2.1/thing-models": {
    get: { method: "GET", run: getThingModel },
    search: { method: "POST", run: searchThingModels },
  },
};

export interface EnosApiDeps {
  catalog: EnosCatalog;
  tokens: TokenStore;
  link: PlatformLink;
  runtime: EnosRuntime;
  now: () => number;
  log: (line: string) => void;
}

/** Services behind the gateway check: the emulator authenticates before it looks at the resource. */
const SIGNED_PREFIXES = ["/connect-service/", "/model-service/"];

// What the APIM gateway (Kong) answers for a path it has no route for.
const NO_ROUTE: ApiResponse = { status: 404, body: { message: "no Route matched with those values" } };

export function createEnosApi(deps: EnosApiDeps): Handler {
  const tokenApi = createTokenApi(deps.tokens, deps.catalog, deps.now);
  const legacyApi = createLegacyApi({ ...deps, results: deps.runtime.legacyResults });
  return async (req) => {
    if (req.method === "POST" && req.path === "/apim-token-service/v2.0/token/get") return tokenApi.get(req);
    if (req.method === "POST" && req.path === "/apim-token-service/v2.0/token/refresh") return tokenApi.refresh(req);
    if (LEGACY_PREFIXES.some((p) => req.path.startsWith(p))) return legacyApi(req);
    if (!SIGNED_PREFIXES.some((p) => req.path.startsWith(p))) return NO_ROUTE;
    const auth = authenticate(req, deps.tokens, deps.catalog, deps.now());
    if ("reject" in auth) return auth.reject;
    const actions = Object.hasOwn(RESOURCES, req.path) ? RESOURCES[req.path] : undefined;
    if (!actions) return { ...failure(NOT_FOUND, `Resource not emulated: ${req.path}`), status: 404 };
    const ctx: EnosContext = { req, app: auth.app, catalog: deps.catalog, link: deps.link, commands: deps.runtime.commands };
    return dispatch(ctx, actions, deps.log);
  };
}

async function dispatch(ctx: EnosContext, actions: Record<string, Action>, log: (line: string) => void): Promise<ApiResponse> {
  try {
    return await pickAction(ctx.req, actions).run(ctx);
  } catch (e) {
    if (e instanceof EnosError) return failure(e.code, e.message);
    log(`enos ${ctx.req.method} ${ctx.req.path} failed: ${(e as Error).stack ?? String(e)}`);
    return failure(INTERNAL, "Internal Server Error");
  }
}

function pickAction(req: ApiRequest, actions: Record<string, Action>): Action {
  const name = req.query.get("action");
  if (!name) throw invalidArgument("action", "action is missing");
  const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
  if (!action) throw invalidArgument("action");
  if (action.method !== req.method) throw invalidArgument("action", `${name} expects ${action.method}`);
  return action;
}
