import type { InvocationView } from "@/lib/invocations/types";
import { deviceHref } from "@/components/devices/device-link";

/** The device's service form, filled in server-side from this invocation's input. */
export function invokeAgainHref(inv: Pick<InvocationView, "id" | "connectionId" | "productKey" | "deviceKey" | "assetId" | "serviceId">): string {
  const href = deviceHref(inv.connectionId, { productKey: inv.productKey, deviceKey: inv.deviceKey, assetId: inv.assetId }, inv.serviceId);
  return `${href}${href.includes("?") ? "&" : "?"}from=${encodeURIComponent(inv.id)}`;
}

export const compareHref = (id: string): string => `/history/${encodeURIComponent(id)}/compare`;
