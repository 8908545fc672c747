// Every platform id maps to an adapter: adding an id to PLATFORM_IDS without one is a compile error.
import "server-only";
import { checkPlatformEndpoint } from "../security/endpoints";
import { aliyunAdapter } from "./aliyun/adapter";
import { enosAdapter } from "./enos/adapter";
import { createEnosLegacyAdapter } from "./enos-legacy/adapter";
import { callbackUrl } from "./enos-legacy/callback";
import { loadSecretKey } from "../crypto/seal";
import { authBaseUrl } from "../auth/settings";
import { env } from "../env";
import { PlatformError, type PlatformAdapter, type PlatformId } from "./types";

export const adapters: Record<PlatformId, PlatformAdapter> = {
  enos: enosAdapter,
  // ASYNC results come back to this console's callback route (app/api/callbacks/enos-legacy)
  "enos-legacy": createEnosLegacyAdapter({
    callbackUrl: (requestId) => {
      const e = env();
      return callbackUrl(e.CONSOLE_PUBLIC_URL ?? authBaseUrl(e), loadSecretKey(), requestId);
    },
  }),
  aliyun: aliyunAdapter,
};

const guarded = new Map<PlatformId, PlatformAdapter>();

export function getAdapter(id: PlatformId): PlatformAdapter {
  // ids come from the database too, where the type system cannot vouch for them
  const adapter = Object.hasOwn(adapters, id) ? adapters[id] : undefined;
  if (!adapter) throw new PlatformError("request", `Unknown platform “${String(id)}”.`, { notSent: true });
  let wrapped = guarded.get(id);
  if (!wrapped) guarded.set(id, (wrapped = guardEndpoints(adapter)));
  return wrapped;
}

/**
 * Every adapter method takes the connection first: its endpoint is checked against the endpoint
 * policy right before the call, whichever code built the connection (see lib/security).
 */
function guardEndpoints(adapter: PlatformAdapter): PlatformAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const conn = args[0] as { endpoint?: unknown; name?: unknown } | undefined;
        try {
          if (!conn || typeof conn.endpoint !== "string") throw new Error("no connection endpoint given");
          checkPlatformEndpoint(conn.endpoint);
        } catch (error) {
          const message = `Connection “${String(conn?.name ?? "?")}” may not be called: ${error instanceof Error ? error.message : String(error)}`;
          return Promise.reject(new PlatformError("request", message, { notSent: true, cause: error }));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
