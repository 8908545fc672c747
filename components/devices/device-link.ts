import type { DeviceRef } from "@/lib/platforms/types";

export function deviceHref(connectionId: string, ref: DeviceRef, serviceId?: string): string {
  const query = new URLSearchParams();
  if (ref.assetId) query.set("assetId", ref.assetId);
  if (ref.iotId) query.set("iotId", ref.iotId);
  if (serviceId) query.set("service", serviceId);
  const qs = query.toString();
  return (
    `/connections/${encodeURIComponent(connectionId)}/devices/` +
    `${encodeURIComponent(ref.productKey)}/${encodeURIComponent(ref.deviceKey)}${qs ? `?${qs}` : ""}`
  );
}

/** The batch page for devices of one product (DeviceNames never contain a comma). */
export function batchHref(connectionId: string, productKey: string, deviceKeys: string[], serviceId?: string): string {
  const query = new URLSearchParams({ product: productKey, devices: deviceKeys.join(",") });
  if (serviceId) query.set("service", serviceId);
  return `/connections/${encodeURIComponent(connectionId)}/batch?${query}`;
}
