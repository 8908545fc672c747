// EnOS-only control routes.
import { json, type Handler } from "../http/types";
import { commandStruct } from "./commands-api";
import type { EnosRuntime } from "./runtime";
import type { TokenStore } from "./tokens";

export function enosControlRoutes(tokens: TokenStore, now: () => number, runtime?: EnosRuntime): Record<string, Handler> {
  return {
    "POST /_emulator/enos/tokens/expire": async () => json(200, { ok: true, expired: tokens.expireAll(now()) }),
    "GET /_emulator/enos/stats": async () => json(200, { ...tokens.stats }),
    ...(runtime ? runtimeRoutes(runtime) : {}),
  };
}

function runtimeRoutes(runtime: EnosRuntime): Record<string, Handler> {
  return {
    // what the older API delivered (ASYNC control channels, callbacks), newest last
    "GET /_emulator/enos/legacy-results": async (req) =>
      json(200, {
        results: runtime.legacyResults.list({
          requestId: req.query.get("requestId") ?? undefined,
          controlChannelId: req.query.get("controlChannelId") ?? undefined,
        }),
      }),
    // a device's waiting commands in queue order: ?productKey=&deviceKey=
    "GET /_emulator/enos/queue": async (req) => {
      const pk = req.query.get("productKey");
      const dk = req.query.get("deviceKey");
      if (!pk || !dk) return json(400, { error: "productKey and deviceKey are required" });
      return json(200, { commands: runtime.commands.queued(pk, dk).map(commandStruct) });
    },
  };
}
