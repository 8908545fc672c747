// Request parameters of an RPC call: the query plus, for a form POST, the body (aliyun.md §1).
// Also the argument rules the IoT actions share (device selector, instance, paging).
import type { ApiRequest } from "../http/types";
import { aliyunStatus, DEVICE_NAME_RE, type AliyunAccount, type AliyunCatalog, type AliyunDevice } from "./catalog";
import { AliyunError, missing } from "./envelope";
import type { ParamList } from "./signature";

export class Params {
  constructor(readonly list: ParamList) {}

  /** The first value of a name (signing covers them all; actions read one). */
  get(name: string): string | undefined {
    return this.list.find(([k]) => k === name)?.[1];
  }

  require(name: string): string {
    const v = this.get(name);
    if (v === undefined || v === "") throw missing(name);
    return v;
  }

  /** RepeatList values `Name.1`, `Name.2`, … in index order. */
  repeated(name: string): string[] {
    const re = new RegExp(`^${name}\\.(\\d+)$`);
    return this.list
      .flatMap(([k, v]) => {
        const m = re.exec(k);
        return m ? [[Number(m[1]), v] as const] : [];
      })
      .sort((a, b) => a[0] - b[0])
      .map(([, v]) => v);
  }
}

const FORM_TYPE = "application/x-www-form-urlencoded";

export function readParams(req: ApiRequest): Params {
  const list: [string, string][] = [...req.query.entries()];
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (req.method === "POST" && type.startsWith(FORM_TYPE) && req.body !== "") {
    list.push(...new URLSearchParams(req.body).entries());
  }
  return new Params(list);
}

/** An optional integer parameter within bounds; a bad one is the action's own business error. */
export function intParam(p: Params, name: string, opts: { min: number; max: number; def: number; code: string }): number {
  const raw = p.get(name);
  if (raw === undefined || raw === "") return opts.def;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || n < opts.min || n > opts.max) {
    throw new AliyunError(opts.code, `${name} must be an integer between ${opts.min} and ${opts.max}.`);
  }
  return n;
}

/**
 * IotInstanceId must name the account's instance. A seed account without one is on the public
 * instance, where the parameter may be absent (an empty value counts as absent).
 */
export function checkInstance(p: Params, account: AliyunAccount): void {
  const given = p.get("IotInstanceId") || null;
  if (given === account.iotInstanceId) return;
  const what = given ? `The instance ${given} does not exist in this account.` : "IotInstanceId is required for this account's instance.";
  throw new AliyunError("iot.system.InstanceNotFound", what);
}

export function requireProduct(catalog: AliyunCatalog, productKey: string | undefined) {
  if (!productKey) throw new AliyunError("iot.prod.NullProductKey", "ProductKey is mandatory for this action.");
  const product = catalog.products.get(productKey);
  if (!product) throw new AliyunError("iot.prod.NotExistedProduct", `The product ${productKey} does not exist.`);
  return product;
}

/** The device selector: IotId wins over ProductKey + DeviceName. */
export function selectDevice(p: Params, catalog: AliyunCatalog): AliyunDevice {
  const iotId = p.get("IotId");
  if (iotId) {
    const d = catalog.deviceByIotId(iotId);
    if (!d) throw new AliyunError("iot.device.NotExistedDevice", `The device with IotId ${iotId} does not exist.`);
    return d;
  }
  const product = requireProduct(catalog, p.get("ProductKey"));
  return requireDevice(catalog, product.productKey, p.get("DeviceName"));
}

export function requireDevice(catalog: AliyunCatalog, productKey: string, deviceName: string | undefined): AliyunDevice {
  if (!deviceName) throw new AliyunError("iot.device.NullDeviceName", "DeviceName is mandatory when IotId is not given.");
  if (!DEVICE_NAME_RE.test(deviceName)) {
    throw new AliyunError("iot.device.InvalidFormattedDeviceName", `DeviceName ${deviceName} is not 4-32 characters of A-Z a-z 0-9 - _ @ . :`);
  }
  const d = catalog.device(productKey, deviceName);
  if (!d) throw new AliyunError("iot.device.NotExistedDevice", `The device ${productKey}/${deviceName} does not exist.`);
  return d;
}

/** Service calls need a connected device (aliyun.md §3.1). */
export function requireOnline(d: AliyunDevice): void {
  const status = aliyunStatus(d);
  if (status === "UNACTIVE") throw new AliyunError("iot.device.InactiveDevice", `The device ${d.seed.deviceName} has never connected.`);
  if (status === "OFFLINE") throw new AliyunError("iot.messagebroker.OFFLINE", `The device ${d.seed.deviceName} is offline.`);
}
