// The older EnOS API ("Data Service", enos.md §2.2) as a platform adapter: invoke only, signed
// per §1b, timeout in ms (1..300000), a fresh requestId (UUID) per call, SYNC or ASYNC by the
// service's call type.
//
// Discovery: the contract gives the older generation no device or thing-model API. A legacy
// connection therefore reads devices and thing models through the EnOS v2.1 API at its endpoint's
// origin, with the same access key and secret (EnOS issues one credential pair per application,
// used by the token service and the query signature alike). An Edge box without the v2.1 gateway
// cannot be browsed: the error says so. Invocation never touches v2.1.
import "server-only";
import { randomUUID } from "node:crypto";
import { toEnosWire } from "../../thing-model/wire";
import { createEnosAdapter } from "../enos/adapter";
import { connLabel } from "../enos/errors";
import { orgIdOf } from "../enos/request";
import { EnosTokenManager } from "../enos/token";
import { checkTimeout } from "../limits";
import { PlatformError, type ConnectionConfig, type InvokeOutcome, type InvokeRequest, type PlatformAdapter } from "../types";
import { callLegacy } from "./client";
import { invokePath, legacyEndpoint } from "./endpoint";
import { toLegacyOutcome } from "./outcome";

export interface EnosLegacyAdapterOptions {
  tokens?: EnosTokenManager;
  discoveryTimeoutMs?: number;
  /** added to the call's own timeout before we stop waiting for the HTTP answer */
  invokeMarginMs?: number;
  /** where EnOS should POST an ASYNC call's result (callback.ts; the docs say not to rely on it) */
  callbackUrl?: (requestId: string) => string | undefined;
}

export function createEnosLegacyAdapter(opts: EnosLegacyAdapterOptions = {}): PlatformAdapter {
  const discoveryTimeoutMs = opts.discoveryTimeoutMs ?? 20_000;
  const v21 = createEnosAdapter({ tokens: opts.tokens ?? new EnosTokenManager(), discoveryTimeoutMs });
  const discover = <T>(conn: ConnectionConfig, run: (c: ConnectionConfig) => Promise<T>) => viaV21(conn, run);
  return {
    id: "enos-legacy",
    testConnection: async (conn) => {
      await discover(conn, (c) => v21.testConnection(c));
      await probeSignature(conn, discoveryTimeoutMs);
    },
    searchDevices: (conn, query) => discover(conn, (c) => v21.searchDevices(c, query)),
    getDevice: (conn, ref) => discover(conn, (c) => v21.getDevice(c, ref)),
    listServices: (conn, device) => discover(conn, (c) => v21.listServices(c, device)),
    listProducts: (conn) => discover(conn, (c) => v21.listProducts(c)),
    invoke: (conn, req) => invoke(conn, req, opts.invokeMarginMs ?? 5_000, opts.callbackUrl),
  };
}

/** Shared by every legacy connection in this process. */
export const enosLegacyAdapter: PlatformAdapter = createEnosLegacyAdapter();

async function invoke(
  conn: ConnectionConfig,
  req: InvokeRequest,
  marginMs: number,
  callbackUrl?: (requestId: string) => string | undefined,
): Promise<InvokeOutcome> {
  const problem = checkTimeout("enos-legacy", req.timeoutMs);
  if (problem) throw invalidCall(conn, `The timeout ${problem}`);
  if (req.pendingTtlS) throw invalidCall(conn, "The older EnOS API has no cached commands (pendingTtl); use an EnOS v2.1 connection");
  const endpoint = legacyEndpoint(conn);
  const requestId = randomUUID();
  // a SYNC call's result is its reply; only an ASYNC one needs somewhere to go
  const callback = req.service.callType === "async" ? callbackUrl?.(requestId) : undefined;
  const args = toEnosWire(req.service, req.input);
  const reply = await callLegacy(conn, {
    base: endpoint.invokeBase,
    path: invokePath(conn, req.device, req.service.identifier),
    query: { orgId: orgIdOf(conn), requestId, timeout: String(req.timeoutMs), ...(callback ? { callbackUrl: callback } : {}) },
    body: endpoint.bodyStyle === "args" ? { args } : args,
    timeoutMs: req.timeoutMs + marginMs,
  });
  return toLegacyOutcome(reply, requestId);
}

/** Runs a discovery call against the v2.1 API at the endpoint's origin, saying so when it fails. */
async function viaV21<T>(conn: ConnectionConfig, run: (c: ConnectionConfig) => Promise<T>): Promise<T> {
  const { discoveryEndpoint } = legacyEndpoint(conn);
  try {
    return await run({ ...conn, platform: "enos", endpoint: discoveryEndpoint });
  } catch (e) {
    if (!(e instanceof PlatformError) || e.kind === "request") throw e;
    const why =
      `The older EnOS API has no device or thing-model lookup, so ${connLabel(conn)} reads them through the ` +
      `EnOS v2.1 API at ${discoveryEndpoint} with the same access key and secret, and that failed: `;
    throw new PlatformError(e.kind, why + e.message, { code: e.code, platformMessage: e.platformMessage, notSent: e.notSent, cause: e });
  }
}

/**
 * Proves the older API accepts our signature without touching a device: an invoke for an asset
 * that cannot exist. 401/497/498 throw an auth error (client.ts); "not found" is the good answer.
 */
async function probeSignature(conn: ConnectionConfig, timeoutMs: number): Promise<void> {
  const endpoint = legacyEndpoint(conn);
  const probe = `console-connection-test-${randomUUID()}`;
  const reply = await callLegacy(conn, {
    base: endpoint.invokeBase,
    path: invokePath(conn, { productKey: "", deviceKey: "", assetId: probe }, "connectionTest"),
    query: { orgId: orgIdOf(conn), requestId: probe, timeout: "1000" },
    body: endpoint.bodyStyle === "args" ? { args: {} } : {},
    timeoutMs,
  });
  if (reply.envelope.status === 403) {
    throw new PlatformError(
      "request",
      `The application of ${connLabel(conn)} may not invoke services through the older EnOS API (code 403${reply.envelope.submsg ? `: ${reply.envelope.submsg}` : ""}). Grant it access in EnOS.`,
      { code: "403" },
    );
  }
}

function invalidCall(conn: ConnectionConfig, problem: string): PlatformError {
  return new PlatformError("request", `${problem} for EnOS (${connLabel(conn)}).`, { notSent: true });
}
