// QueryDeviceDetail, QueryDevice and QueryProductList (aliyun.md §3.4).
import { aliyunStatus, type AliyunDevice } from "./catalog";
import type { AliyunContext } from "./context";
import { AliyunError, missing } from "./envelope";
import { checkInstance, intParam, requireProduct, selectDevice } from "./params";

const PAGE_CODE = "iot.common.InvalidPageParams";

/** "2018-08-06 10:48:41" in UTC+8, as the Gmt* fields of QueryDeviceDetail. */
export function gmtPlus8(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

/** "Wed, 20-Feb-2019 02:16:09 GMT", as the Gmt* fields of QueryDevice. */
export function cookieDate(ms: number): string {
  const [day, date, month, year, time] = new Date(ms).toUTCString().replace(",", "").split(" ");
  return `${day}, ${date}-${month}-${year} ${time} GMT`;
}

const utc = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());

function nickname(d: AliyunDevice): string {
  return typeof d.seed.nickname === "string" ? d.seed.nickname : "";
}

export async function queryDeviceDetail(ctx: AliyunContext): Promise<Record<string, unknown>> {
  checkInstance(ctx.params, ctx.account);
  const d = selectDevice(ctx.params, ctx.catalog);
  const t = d.record.times;
  const status = aliyunStatus(d);
  return {
    Data: {
      IotId: d.seed.iotId,
      ProductKey: d.seed.productKey,
      ProductName: d.product.productName,
      DeviceName: d.seed.deviceName,
      DeviceSecret: d.seed.deviceSecret,
      Nickname: nickname(d),
      Status: status,
      NodeType: 0,
      FirmwareVersion: "",
      IpAddress: status === "ONLINE" ? "127.0.0.1" : "",
      Region: ctx.account.regionId,
      Owner: true,
      GmtCreate: gmtPlus8(t.createTime),
      GmtActive: t.activeTime === null ? undefined : gmtPlus8(t.activeTime),
      GmtOnline: t.lastOnlineTime === null ? undefined : gmtPlus8(t.lastOnlineTime),
      UtcCreate: utc(t.createTime),
      UtcActive: utc(t.activeTime),
      UtcOnline: utc(t.lastOnlineTime),
    },
  };
}

export async function queryDevice(ctx: AliyunContext): Promise<Record<string, unknown>> {
  checkInstance(ctx.params, ctx.account);
  const product = requireProduct(ctx.catalog, ctx.params.get("ProductKey"));
  const pageSize = intParam(ctx.params, "PageSize", { min: 1, max: 50, def: 10, code: PAGE_CODE });
  const page = intParam(ctx.params, "CurrentPage", { min: 1, max: 2 ** 31 - 1, def: 1, code: PAGE_CODE });
  const all = ctx.catalog.devicesOf(product.productKey);
  const rows = all.slice((page - 1) * pageSize, page * pageSize).map((d) => {
    const created = d.record.times.createTime;
    return {
      IotId: d.seed.iotId,
      ProductKey: d.seed.productKey,
      DeviceName: d.seed.deviceName,
      DeviceSecret: d.seed.deviceSecret,
      DeviceStatus: aliyunStatus(d),
      Nickname: nickname(d),
      GmtCreate: cookieDate(created),
      GmtModified: cookieDate(created),
      UtcCreate: utc(created),
      UtcModified: utc(created),
      DeviceId: d.seed.iotId, // deprecated alias the platform still fills
    };
  });
  return { Data: { DeviceInfo: rows }, Page: page, PageSize: pageSize, PageCount: Math.ceil(all.length / pageSize), Total: all.length };
}

export async function queryProductList(ctx: AliyunContext): Promise<Record<string, unknown>> {
  checkInstance(ctx.params, ctx.account);
  if (!ctx.params.get("CurrentPage")) throw missing("CurrentPage");
  if (!ctx.params.get("PageSize")) throw missing("PageSize");
  const page = intParam(ctx.params, "CurrentPage", { min: 1, max: 2 ** 31 - 1, def: 1, code: PAGE_CODE });
  const pageSize = intParam(ctx.params, "PageSize", { min: 1, max: 200, def: 10, code: PAGE_CODE });
  const code = ctx.params.get("AliyunCommodityCode");
  if (code && code !== "iothub_senior" && code !== "iothub") throw new AliyunError("iot.system.IllegalRequest", `Unknown AliyunCommodityCode ${code}.`);
  // every seeded product has a TSL, i.e. is an iothub_senior product
  const all = code === "iothub" ? [] : [...ctx.catalog.products.values()];
  const rows = all.slice((page - 1) * pageSize, page * pageSize).map((p) => ({
    ProductKey: p.productKey,
    ProductName: p.productName,
    NodeType: 0,
    DataFormat: 1,
    AuthType: "secret",
    DeviceCount: ctx.catalog.devicesOf(p.productKey).length,
    GmtCreate: p.createdAt,
    Description: typeof p.seed.description === "string" ? p.seed.description : "",
  }));
  return { Data: { CurrentPage: page, PageSize: pageSize, PageCount: Math.ceil(all.length / pageSize), Total: all.length, List: { ProductInfo: rows } } };
}
