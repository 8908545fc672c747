// The Alibaba side of the seed, indexed for request handlers: accounts, products with their
// compiled TSL modules, and devices joined with their runtime record (online, behaviour).
import type { DeviceRecord, DeviceTable } from "../devices";
import type { AliyunSeedDevice, Seed } from "../seed";
import { compileServices, productModules, TslError, type TslModule, type TslService } from "./tsl";

export type AliyunAccount = Seed["aliyun"]["accounts"][number];
type SeedProduct = Seed["aliyun"]["products"][number];

export interface AliyunProduct {
  seed: SeedProduct;
  productKey: string;
  productName: string;
  modules: TslModule[];
  services: Map<string, TslService>;
  /** fixed per seed position, so lists are stable across runs */
  createdAt: number;
}

export interface AliyunDevice {
  seed: AliyunSeedDevice;
  product: AliyunProduct;
  record: DeviceRecord;
}

export type AliyunStatus = "ONLINE" | "OFFLINE" | "UNACTIVE";

const SEED_EPOCH = Date.UTC(2024, 0, 1);
/** DeviceName: 4-32 characters of letters, digits and - _ @ . : */
export const DEVICE_NAME_RE = /^[A-Za-z0-9\-_@.:]{4,32}$/;

/** Compiles every product's TSL; throws TslError with a seed path ("products[0].tsl…"). */
export function compileAliyunProducts(seed: Seed): Map<string, AliyunProduct> {
  const out = new Map<string, AliyunProduct>();
  seed.aliyun.products.forEach((p, i) => {
    const where = `products[${i}]`;
    if (out.has(p.productKey)) throw new TslError(`${where}.productKey: duplicate product ${p.productKey}`);
    const modules = productModules(p, where);
    out.set(p.productKey, {
      seed: p,
      productKey: p.productKey,
      productName: p.productName ?? p.productKey,
      modules,
      services: compileServices(modules, where),
      createdAt: SEED_EPOCH + i * 3_600_000,
    });
  });
  return out;
}

/** Cross-record rules of the Alibaba seed, as "devices[1].deviceName: …" problems. */
export function checkAliyunSeed(seed: Seed): void {
  compileAliyunProducts(seed);
  const seen = new Set<string>();
  seed.aliyun.devices.forEach((d, i) => {
    if (!DEVICE_NAME_RE.test(d.deviceName)) throw new TslError(`devices[${i}].deviceName: must be 4-32 characters of A-Z a-z 0-9 - _ @ . :`);
    for (const key of [`n:${d.productKey}/${d.deviceName}`, `i:${d.iotId}`]) {
      if (seen.has(key)) throw new TslError(`devices[${i}]: duplicate device ${key.slice(2)}`);
      seen.add(key);
    }
  });
}

export class AliyunCatalog {
  readonly products: Map<string, AliyunProduct>;

  constructor(
    private readonly seed: Seed,
    private readonly devices: DeviceTable,
  ) {
    this.products = compileAliyunProducts(seed);
  }

  account(accessKeyId: string): AliyunAccount | undefined {
    return this.seed.aliyun.accounts.find((a) => a.accessKeyId === accessKeyId);
  }

  device(productKey: string, deviceName: string): AliyunDevice | undefined {
    return this.join(this.seed.aliyun.devices.find((d) => d.productKey === productKey && d.deviceName === deviceName));
  }

  deviceByIotId(iotId: string): AliyunDevice | undefined {
    return this.join(this.seed.aliyun.devices.find((d) => d.iotId === iotId));
  }

  /** A product's devices, newest first (the order QueryDevice lists them in). */
  devicesOf(productKey: string): AliyunDevice[] {
    return this.seed.aliyun.devices
      .filter((d) => d.productKey === productKey)
      .flatMap((d) => this.join(d) ?? [])
      .sort((a, b) => b.record.times.createTime - a.record.times.createTime);
  }

  private join(seed: AliyunSeedDevice | undefined): AliyunDevice | undefined {
    if (!seed) return undefined;
    const product = this.products.get(seed.productKey);
    const record = this.devices.get("aliyun", seed.productKey, seed.deviceName);
    return product && record ? { seed, product, record } : undefined;
  }
}

export function aliyunStatus(d: AliyunDevice): AliyunStatus {
  const b = d.record.behaviour;
  if (!b.activated) return "UNACTIVE";
  const connected = d.record.sim ? d.record.sim.connected : true;
  return b.online && connected ? "ONLINE" : "OFFLINE";
}
