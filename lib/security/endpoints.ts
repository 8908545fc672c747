import "server-only";
import { env } from "../env";
import { TtlCache } from "../ttl-cache";
import { assertEndpointAllowed, checkEndpoint, type EndpointPolicy } from "./endpoint-policy";

export function endpointPolicy(): EndpointPolicy {
  return { httpAllowlist: env().CONSOLE_HTTP_ALLOWLIST };
}

/** Synchronous part of the policy, for the guard around every adapter call. */
export function checkPlatformEndpoint(endpoint: string): void {
  checkEndpoint(endpoint, endpointPolicy());
}

// A resolved name stays accepted for a minute, so the DNS check does not add a lookup to every call.
const accepted = new TtlCache<string, true>(60_000, 1000);

/** The whole policy including DNS: when a connection is saved and before its secret is used. */
export async function assertPlatformEndpoint(endpoint: string): Promise<void> {
  if (accepted.get(endpoint)) return;
  await assertEndpointAllowed(endpoint, endpointPolicy());
  accepted.set(endpoint, true);
}
