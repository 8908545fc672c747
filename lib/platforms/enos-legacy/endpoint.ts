// Where a legacy connection's calls go. The endpoint's path picks the flavour of the older API:
//   no path                        -> {origin}/dataService/...            body {"args": {...}}  (Data Service / Edge docs, the emulator)
//   path ending in /enosapi        -> {endpoint}/connectService/...       body = the args map   (Cloud 2.0.x Java SDK)
//   path ending in /connectService -> {endpoint}/...                      body = the args map
//   any other path                 -> {endpoint}/...                      body {"args": {...}}
// Discovery has no older-generation API in the contract: it goes to the EnOS v2.1 API at the
// endpoint's origin, with the same access key and secret (one EnOS application credential pair
// serves both generations). See adapter.ts.
import { PlatformError, type ConnectionConfig, type DeviceRef } from "../types";
import { connLabel } from "../enos/errors";

export interface LegacyEndpoint {
  /** e.g. "http://127.0.0.1:4010/dataService" (no trailing slash) */
  invokeBase: string;
  /** "args": `{"args": {...}}`; "map": the args map itself */
  bodyStyle: "args" | "map";
  /** the v2.1 API base used for devices and thing models */
  discoveryEndpoint: string;
}

export function legacyEndpoint(conn: ConnectionConfig): LegacyEndpoint {
  let url: URL;
  try {
    url = new URL(conn.endpoint);
  } catch (cause) {
    throw new PlatformError("request", `The endpoint of ${connLabel(conn)} is not a valid URL (“${conn.endpoint}”). Edit the connection.`, {
      notSent: true,
      cause,
    });
  }
  const path = url.pathname.replace(/\/+$/, "");
  const base = `${url.origin}${path}`;
  if (path === "") return { invokeBase: `${base}/dataService`, bodyStyle: "args", discoveryEndpoint: url.origin };
  if (/\/enosapi$/i.test(path)) return { invokeBase: `${base}/connectService`, bodyStyle: "map", discoveryEndpoint: url.origin };
  return { invokeBase: base, bodyStyle: /\/connectService$/i.test(path) ? "map" : "args", discoveryEndpoint: url.origin };
}

/** …/products/{pk}/devices/{dk}/services/{id}/invoke, or …/devices/{assetId}/services/{id}/invoke. */
export function invokePath(conn: ConnectionConfig, ref: DeviceRef, serviceId: string): string {
  const e = encodeURIComponent;
  const service = `services/${e(serviceId)}/invoke`;
  if (ref.productKey && ref.deviceKey) return `/products/${e(ref.productKey)}/devices/${e(ref.deviceKey)}/${service}`;
  if (ref.assetId) return `/devices/${e(ref.assetId)}/${service}`;
  throw new PlatformError("request", `EnOS needs a product key and device key, or an asset ID, to find a device (${connLabel(conn)}).`, {
    notSent: true,
  });
}
