import "server-only";
import { getConnectionConfig } from "./connections";
import { canReachProduct, OutOfScopeError, productsOn, type Access } from "./auth/permissions";
import { assertCanBrowse } from "./auth/scope";
import type { CurrentUser } from "./invocations/types";
import { getAdapter } from "./platforms/registry";
import type { ConnectionConfig, DeviceQuery, DeviceRef, DeviceSummary, Page } from "./platforms/types";
import type { ServiceSpec } from "./thing-model/types";
import { TtlCache } from "./ttl-cache";

/** Devices of a connection the user may browse; product users only ever search their own products. */
export async function searchDevices(user: CurrentUser, connectionId: string, query: DeviceQuery): Promise<Page<DeviceSummary>> {
  const access = await assertCanBrowse(user, connectionId);
  const scoped = scopeQuery(access, connectionId, query);
  const conn = await getConnectionConfig(connectionId);
  const page = await getAdapter(conn.platform).searchDevices(conn, scoped);
  // the platform filtered by product already; this keeps a platform that ignored the filter honest
  const items = page.items.filter((d) => canReachProduct(access, connectionId, d.productKey));
  return items.length === page.items.length ? page : { ...page, items };
}

/** The query limited to a product the user may see (their first one when none was asked for). */
export function scopeQuery(access: Access, connectionId: string, query: DeviceQuery): DeviceQuery {
  const products = productsOn(access, connectionId);
  if (products === "all") return query;
  const wanted = query.productKey ?? products[0];
  if (wanted === undefined || !products.includes(wanted)) throw new OutOfScopeError(`product ${query.productKey ?? "(any)"} on this connection`);
  return { ...query, productKey: wanted };
}

export interface DeviceWithServices {
  device: DeviceSummary;
  services: ServiceSpec[];
}

// Thing models change rarely and a device's model never changes under it; caching both keeps the
// invoke path to one platform round trip. Pages showing live device status bypass the device cache.
const modelCache = new TtlCache<string, ServiceSpec[]>(60_000, 500);
const deviceCache = new TtlCache<string, DeviceSummary>(60_000, 5000);

async function servicesOf(conn: ConnectionConfig, device: DeviceSummary): Promise<ServiceSpec[]> {
  const key = `${conn.id}|${device.productKey}|${device.modelId ?? ""}`;
  let services = modelCache.get(key);
  if (!services) {
    services = await getAdapter(conn.platform).listServices(conn, device);
    modelCache.set(key, services);
  }
  return services;
}

export async function getDeviceWithServices(user: CurrentUser, connectionId: string, ref: DeviceRef): Promise<DeviceWithServices> {
  const access = await assertCanBrowse(user, connectionId);
  const outOfScope = (productKey: string) => !canReachProduct(access, connectionId, productKey);
  if (outOfScope(ref.productKey)) throw new OutOfScopeError(`product ${ref.productKey} on this connection`);
  const conn = await getConnectionConfig(connectionId);
  const device = await getAdapter(conn.platform).getDevice(conn, ref);
  if (outOfScope(device.productKey)) throw new OutOfScopeError(`product ${device.productKey} on this connection`);
  deviceCache.set(deviceKeyOf(conn, ref), device);
  return { device, services: await servicesOf(conn, device) };
}

/** The device and its services for an invocation, from the caches when fresh. */
export async function getDeviceForInvoke(conn: ConnectionConfig, ref: DeviceRef): Promise<DeviceWithServices> {
  const key = deviceKeyOf(conn, ref);
  let device = deviceCache.get(key);
  if (!device) {
    device = await getAdapter(conn.platform).getDevice(conn, ref);
    deviceCache.set(key, device);
  }
  return { device, services: await servicesOf(conn, device) };
}

function deviceKeyOf(conn: ConnectionConfig, ref: DeviceRef): string {
  return [conn.id, ref.productKey, ref.deviceKey, ref.assetId ?? "", ref.iotId ?? ""].join("|");
}
