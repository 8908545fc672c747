// Which platform endpoints the console may call. A connection's endpoint is typed by an admin, and
// the console then makes signed requests to it and shows what comes back: without a policy that
// turns the console into a proxy into the network it runs in (cloud metadata, databases, admin
// ports). So: https only, except for hosts on an explicit allow-list (the local emulator); no
// credentials in the URL; no private, loopback or link-local addresses unless allow-listed.
// Checked when a connection is saved and again before every platform call.
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

export class EndpointPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EndpointPolicyError";
  }
}

export interface EndpointPolicy {
  /** Hosts (names or addresses, lower case, IPv6 without brackets) that may use http and private addresses. */
  httpAllowlist: readonly string[];
}

export const DEFAULT_HTTP_ALLOWLIST: readonly string[] = ["127.0.0.1", "localhost", "::1"];

// One list per family: Node matches IPv4 addresses against IPv4-mapped IPv6 rules too, so a single
// list holding ::ffff:0:0/96 would refuse every IPv4 address.
const NON_PUBLIC_V4 = new BlockList();
const NON_PUBLIC_V6 = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) NON_PUBLIC_V4.addSubnet(net, bits, "ipv4");
// IPv4-mapped, -compatible, NAT64 and 6to4 addresses can all carry a private IPv4 address inside.
for (const [net, bits] of [
  ["::", 96], ["::ffff:0:0", 96], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["2001::", 23],
  ["2001:db8::", 32], ["2002::", 16], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) NON_PUBLIC_V6.addSubnet(net, bits, "ipv6");

/** True for loopback, private, link-local, carrier-grade NAT, documentation, multicast and reserved addresses. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? NON_PUBLIC_V4.check(address, "ipv4") : NON_PUBLIC_V6.check(address, "ipv6");
}

/** The URL's host as compared with the allow-list: lower case, no IPv6 brackets, no trailing dot. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
}

function isAllowListed(host: string, policy: EndpointPolicy): boolean {
  return policy.httpAllowlist.includes(host);
}

const fix = "Use the platform's public https address, or ask whoever runs the console to add the host to CONSOLE_HTTP_ALLOWLIST.";

/**
 * Checks what can be checked without the network; returns the parsed URL. Throws
 * EndpointPolicyError with a message that names the problem and the fix.
 */
export function checkEndpoint(raw: string, policy: EndpointPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EndpointPolicyError("The endpoint is not a URL. Enter it like https://apim.example.com.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new EndpointPolicyError(`The endpoint must be an https URL, not ${url.protocol.replace(/:$/, "")}.`);
  }
  if (url.username || url.password) {
    throw new EndpointPolicyError("The endpoint must not contain a user name or password: enter credentials in their own fields.");
  }
  if (url.search || url.hash) {
    throw new EndpointPolicyError("The endpoint is a base URL: remove the query (?…) and fragment (#…).");
  }
  const host = hostOf(url);
  if (isAllowListed(host, policy)) return url;
  if (url.protocol !== "https:") throw new EndpointPolicyError(`The endpoint must use https (${host} is not on the http allow-list). ${fix}`);
  if (isNonPublicAddress(host)) throw new EndpointPolicyError(`The endpoint points at a private or reserved address (${host}). ${fix}`);
  if (host === "localhost" || host.endsWith(".localhost") || !host.includes(".")) {
    throw new EndpointPolicyError(`The endpoint's host (${host}) is not a public domain name. ${fix}`);
  }
  return url;
}

export type Lookup = (host: string) => Promise<{ address: string }[]>;
const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * checkEndpoint plus DNS: a public-looking name must not resolve to a private address. A name that
 * does not resolve passes (the call itself then fails with a network error naming the host).
 * Limit: a DNS answer that changes between this check and the call (rebinding) is not caught;
 * deployments that must rule that out restrict the console's egress at the network.
 */
export async function assertEndpointAllowed(raw: string, policy: EndpointPolicy, lookup: Lookup = systemLookup): Promise<URL> {
  const url = checkEndpoint(raw, policy);
  const host = hostOf(url);
  if (isAllowListed(host, policy) || isIP(host)) return url;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host);
  } catch {
    return url;
  }
  const inside = addresses.find((a) => isNonPublicAddress(a.address));
  if (inside) throw new EndpointPolicyError(`The endpoint's host ${host} resolves to a private or reserved address (${inside.address}). ${fix}`);
  return url;
}
