// The EnOS records from the seed, indexed for request handling, plus the views the API returns.
import type { DeviceRecord, DeviceTable } from "../devices";
import type { EnosSeedApp, EnosSeedDevice, EnosSeedProduct, Seed } from "../seed";
import { compileThingModel, type CompiledService } from "./thing-model";

export interface EnosDevice {
  seed: EnosSeedDevice;
  product: EnosSeedProduct;
  record: DeviceRecord;
}

/** assetId, or productKey + deviceKey, or both (then all given keys must match). */
export interface DeviceSelector {
  assetId?: string;
  productKey?: string;
  deviceKey?: string;
}

export type EnosStatus = "online" | "offline" | "inactive";

/** Compiled services per productKey, built once at start (unreadable definitions become UNCHECKED). */
export function compileEnosModels(seed: Seed): Map<string, Map<string, CompiledService>> {
  return new Map(seed.enos.products.map((p) => [p.productKey, compileThingModel(p.thingModel)]));
}

export class EnosCatalog {
  private readonly apps: Map<string, EnosSeedApp>;
  private readonly products: Map<string, EnosSeedProduct>;

  constructor(
    private readonly seed: Seed,
    private readonly models: Map<string, Map<string, CompiledService>>,
    private readonly table: DeviceTable,
  ) {
    this.apps = new Map(seed.enos.apps.map((a) => [a.accessKey, a]));
    this.products = new Map(seed.enos.products.map((p) => [p.productKey, p]));
  }

  app(accessKey: string): EnosSeedApp | undefined {
    return this.apps.get(accessKey);
  }

  service(productKey: string, serviceId: string): CompiledService | undefined {
    return this.models.get(productKey)?.get(serviceId);
  }

  /** The device secret, for the broker's login check. */
  deviceSecret(productKey: string, deviceKey: string): string | undefined {
    return this.seed.enos.devices.find((d) => d.productKey === productKey && d.deviceKey === deviceKey)?.deviceSecret;
  }

  devicesInOrg(orgId: string): EnosDevice[] {
    const out: EnosDevice[] = [];
    for (const d of this.seed.enos.devices) {
      const product = this.products.get(d.productKey);
      const record = this.table.get("enos", d.productKey, d.deviceKey);
      if (product && record && product.orgId === orgId) out.push({ seed: d, product, record });
    }
    return out;
  }

  findDevice(orgId: string, sel: DeviceSelector): EnosDevice | undefined {
    return this.devicesInOrg(orgId).find(
      (d) =>
        (sel.assetId === undefined || d.seed.assetId === sel.assetId) &&
        (sel.productKey === undefined || d.seed.productKey === sel.productKey) &&
        (sel.deviceKey === undefined || d.seed.deviceKey === sel.deviceKey),
    );
  }

  thingModel(orgId: string, modelId: string): unknown {
    return this.seed.enos.products.find((p) => p.orgId === orgId && p.modelId === modelId)?.thingModel;
  }

  /** One device by its keys, whatever its org (for the command queue, which has no caller). */
  device(productKey: string, deviceKey: string): EnosDevice | undefined {
    const seed = this.seed.enos.devices.find((d) => d.productKey === productKey && d.deviceKey === deviceKey);
    const product = this.products.get(productKey);
    const record = this.table.get("enos", productKey, deviceKey);
    return seed && product && record ? { seed, product, record } : undefined;
  }

  productsInOrg(orgId: string): EnosSeedProduct[] {
    return this.seed.enos.products.filter((p) => p.orgId === orgId);
  }

  /** Distinct thing models of an org's products, in seed order. */
  thingModelsInOrg(orgId: string): EnosSeedProduct["thingModel"][] {
    const seen = new Map<string, EnosSeedProduct["thingModel"]>();
    for (const p of this.productsInOrg(orgId)) if (!seen.has(p.modelId)) seen.set(p.modelId, p.thingModel);
    return [...seen.values()];
  }

  /** An org some app or product of the seed belongs to. */
  knownOrg(orgId: string): boolean {
    return this.seed.enos.apps.some((a) => a.orgId === orgId) || this.seed.enos.products.some((p) => p.orgId === orgId);
  }

  /** The service's display name from the model, or its identifier. */
  serviceName(productKey: string, serviceId: string): { defaultValue: string; i18nValue?: Record<string, string> } {
    const svc = this.products.get(productKey)?.thingModel.services[serviceId];
    return svc?.name ?? { defaultValue: serviceId, i18nValue: {} };
  }

  /** The model's call type of a service (deprecated field): ASYNC only when it says so. */
  callType(productKey: string, serviceId: string): "SYNC" | "ASYNC" {
    const raw = this.products.get(productKey)?.thingModel.services[serviceId]?.callType;
    return String(raw).toUpperCase() === "ASYNC" ? "ASYNC" : "SYNC";
  }
}

/** Online means the simulated device is really connected, not only flagged so. */
export function enosStatus(d: EnosDevice): EnosStatus {
  const b = d.record.behaviour;
  if (!b.activated) return "inactive";
  const connected = d.record.sim ? d.record.sim.connected : true;
  return b.online && connected ? "online" : "offline";
}

/** The v2.1 Device struct. */
export function deviceStruct(d: EnosDevice): Record<string, unknown> {
  const { seed, product, record } = d;
  return {
    orgId: product.orgId,
    assetId: seed.assetId,
    modelId: product.modelId,
    modelIdPath: `/${product.modelId}`,
    productKey: seed.productKey,
    productName: product.productName ?? { defaultValue: product.productKey, i18nValue: {} },
    productType: "Device",
    dataFormat: "Json",
    deviceKey: seed.deviceKey,
    deviceName: seed.deviceName ?? { defaultValue: seed.deviceKey, i18nValue: {} },
    deviceSecret: seed.deviceSecret,
    deviceDesc: "",
    timezone: seed.timezone,
    deviceAttributes: {},
    deviceTags: {},
    status: enosStatus(d),
    createTime: record.times.createTime,
    activeTime: record.times.activeTime,
    lastOnlineTime: record.times.lastOnlineTime,
    lastOfflineTime: record.times.lastOfflineTime,
    measurepointLastUpdate: null,
    eventLastUpdate: null,
    attributeLastUpdate: null,
    featureLastUpdate: null,
  };
}
