import type { ConnectionConfig, DeviceSummary } from "../platforms/types";
import type { ServiceSpec } from "../thing-model/types";
import type { CurrentUser } from "./types";

/** Who, where and what of an audit row: the same for a single invocation and each row of a batch. */
export function auditIdentity(user: CurrentUser, conn: ConnectionConfig, device: DeviceSummary, service: ServiceSpec) {
  return {
    userId: user.id,
    userEmail: user.email,
    userRole: user.role,
    connectionId: conn.id,
    connectionName: conn.name,
    platform: conn.platform,
    orgId: conn.orgId ?? null,
    instanceId: conn.instanceId ?? null,
    productKey: device.productKey,
    deviceKey: device.deviceKey,
    assetId: device.assetId ?? null,
    iotId: device.iotId ?? null,
    deviceName: device.name,
    serviceId: service.identifier,
    serviceName: service.name.default,
  };
}
