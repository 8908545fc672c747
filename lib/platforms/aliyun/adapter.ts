// The Alibaba Cloud IoT (2018-01-20) adapter on the official SDK: discovery (products, devices,
// TSL including custom modules), InvokeThingService, and for async calls the service history
// (QueryDeviceServiceData) and batch calls (InvokeThingsService).
import "server-only";
import type { z } from "zod";
import { aliyunServices } from "../../thing-model/aliyun";
import type { ServiceSpec } from "../../thing-model/types";
import { toAliyunArgs } from "../../thing-model/wire";
import type {
  ConnectionConfig,
  DeviceQuery,
  DeviceRef,
  DeviceStatus,
  DeviceSummary,
  InvokeOutcome,
  InvokeRequest,
  Page,
  PlatformAdapter,
  ProductSummary,
} from "../types";
import { PlatformError } from "../types";
import { ALIYUN_BATCH_MAX_DEVICES } from "../limits";
import { callAliyun, type CallResult } from "./client";
import { isThrottling, mapInvokeError, RATE_LIMITED } from "./codes";
import { codeText, connLabel, snippet } from "./errors";
import { parseDeviceReply, replyOutcome } from "./reply";
import {
  deviceDetailBodySchema,
  deviceDetailSchema,
  deviceInfoSchema,
  envelopeSchema,
  functionBlocksSchema,
  invokeBodySchema,
  productInfoSchema,
  productListBodySchema,
  queryDeviceBodySchema,
  serviceDataBodySchema,
  serviceInfoSchema,
  thingModelBodySchema,
  tslBodySchema,
  type DeviceInfo,
  type Envelope,
  type ProductInfo,
  type ServiceInfo,
} from "./schemas";
import {
  GetThingModelTslPublishedRequest,
  InvokeThingServiceRequest,
  InvokeThingsServiceRequest,
  QueryDeviceDetailRequest,
  QueryDeviceRequest,
  QueryDeviceServiceDataRequest,
  QueryProductListRequest,
  QueryThingModelPublishedRequest,
  type IotClient,
  type SdkOptions,
} from "./sdk";

/** QueryDevice takes 1-50 per page. */
export const MAX_PAGE_SIZE = 50;
const PRODUCT_PAGE_SIZE = 200;
/** A text search reads device lists page by page; this bounds one search (40 QueryDevice calls). */
export const MAX_SCAN_DEVICES = 2_000;
/** InvokeThingsService takes at most 100 DeviceName.N. */
export const MAX_BATCH_DEVICES = ALIYUN_BATCH_MAX_DEVICES;
/** Tolerated clock difference between this server and the platform when reading the history. */
const CLOCK_SKEW_MS = 60_000;

export interface ServiceReplyQuery {
  /** `svc` or `module:svc` */
  identifier: string;
  messageId?: string;
  /** when the call was requested: the platform's record of it is at or after this time */
  since: Date;
}

export interface AliyunAdapter extends PlatformAdapter {
  listProducts(conn: ConnectionConfig): Promise<ProductSummary[]>;
  queryServiceReply(conn: ConnectionConfig, ref: DeviceRef, query: ServiceReplyQuery): Promise<InvokeOutcome | null>;
  invokeBatch(conn: ConnectionConfig, productKey: string, deviceNames: string[], service: ServiceSpec, input: Record<string, unknown>): Promise<InvokeOutcome>;
}

export function createAliyunAdapter(opts: SdkOptions = {}): AliyunAdapter {
  const api = new AliyunApi(opts);
  return {
    id: "aliyun",
    testConnection: (conn) => api.testConnection(conn),
    searchDevices: (conn, query) => api.searchDevices(conn, query),
    getDevice: (conn, ref) => api.getDevice(conn, ref),
    listServices: (conn, device) => api.listServices(conn, device),
    listProducts: (conn) => api.listProducts(conn),
    invoke: (conn, req) => api.invoke(conn, req),
    // a batch row has no MessageId (InvokeThingsService returns none): the reply is found by service and time
    poll: (conn, ref, handle) =>
      api.queryServiceReply(conn, ref, { identifier: handle.serviceId, messageId: handle.messageId ?? undefined, since: handle.requestedAt }),
    queryServiceReply: (conn, ref, query) => api.queryServiceReply(conn, ref, query),
    invokeBatch: (conn, productKey, names, service, input) => api.invokeBatch(conn, productKey, names, service, input),
  };
}

class AliyunApi {
  constructor(private readonly opts: SdkOptions) {}

  async testConnection(conn: ConnectionConfig): Promise<void> {
    // proves endpoint, AccessKey, signature and instance in one cheap call
    await this.discover(conn, "QueryProductList", productListBodySchema, (c) =>
      c.queryProductList(new QueryProductListRequest({ ...instance(conn), currentPage: 1, pageSize: 1 })),
    );
  }

  async searchDevices(conn: ConnectionConfig, query: DeviceQuery): Promise<Page<DeviceSummary>> {
    const pageNo = Math.max(1, Math.floor(query.pageNo) || 1);
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize) || 10));
    const text = query.text?.trim().toLowerCase();
    const productKey = query.productKey?.trim();
    if (productKey && !text) return this.productPage(conn, productKey, pageNo, pageSize);
    const products = productKey ? [{ productKey }] : await this.products(conn);
    if (!text) return this.pageAcross(conn, products, pageNo, pageSize);
    const matches = (await this.scan(conn, products)).filter((d) => matchesText(d, text));
    return { items: matches.slice((pageNo - 1) * pageSize, pageNo * pageSize), pageNo, pageSize, total: matches.length };
  }

  async listProducts(conn: ConnectionConfig): Promise<ProductSummary[]> {
    return (await this.products(conn)).map((p) => ({ productKey: p.productKey, name: p.productName || p.productKey }));
  }

  async getDevice(conn: ConnectionConfig, ref: DeviceRef): Promise<DeviceSummary> {
    const body = await this.discover(conn, `QueryDeviceDetail for device ${refText(ref)}`, deviceDetailBodySchema, (c) =>
      c.queryDeviceDetail(new QueryDeviceDetailRequest({ ...instance(conn), ...selector(conn, ref) })),
    );
    const detail = deviceDetailSchema.safeParse(body.data);
    if (!detail.success) throw unexpected(conn, `device ${refText(ref)}`, body.data);
    const d = detail.data;
    return summary({ iotId: d.iotId, productKey: d.productKey, deviceName: d.deviceName, nickname: d.nickname, status: d.status, productName: d.productName });
  }

  async listServices(conn: ConnectionConfig, device: DeviceSummary): Promise<ServiceSpec[]> {
    const main = await this.tsl(conn, device.productKey);
    const moduleIds = functionBlockIds(main) ?? (await this.moduleIds(conn, device.productKey));
    const modules: unknown[] = [];
    // one after the other: the thing-model APIs allow only 10 calls per second
    for (const id of moduleIds) modules.push(await this.tsl(conn, device.productKey, id));
    return [main, ...modules].flatMap((tsl) => aliyunServices(tsl));
  }

  async invoke(conn: ConnectionConfig, req: InvokeRequest): Promise<InvokeOutcome> {
    const args = toAliyunArgs(req.service, req.input);
    const request = new InvokeThingServiceRequest({ ...instance(conn), ...selector(conn, req.device), identifier: req.service.identifier, args });
    const what = `InvokeThingService ${req.service.identifier} on device ${refText(req.device)}`;
    const res = await this.callOrThrottled(conn, what, (c) => c.invokeThingService(request));
    if ("status" in res) return res;
    const body = parseBody(conn, what, invokeBodySchema, res.body);
    return invokeOutcome(body, res);
  }

  async invokeBatch(conn: ConnectionConfig, productKey: string, deviceNames: string[], service: ServiceSpec, input: Record<string, unknown>): Promise<InvokeOutcome> {
    checkBatch(conn, deviceNames, service);
    const request = new InvokeThingsServiceRequest({
      ...instance(conn),
      productKey,
      deviceName: deviceNames,
      identifier: service.identifier,
      args: toAliyunArgs(service, input),
    });
    const what = `InvokeThingsService ${service.identifier} on ${deviceNames.length} devices of ${productKey}`;
    const res = await this.callOrThrottled(conn, what, (c) => c.invokeThingsService(request));
    if ("status" in res) return res;
    const body = parseBody(conn, what, envelopeSchema, res.body);
    if (body.success === false) return failedOutcome(body);
    return withRequestId({ status: "SENT", sentAt: res.sentAt, message: `Sent to ${deviceNames.length} device${deviceNames.length === 1 ? "" : "s"}; each replies on its own.` }, body);
  }

  /**
   * What became of an accepted call, from the device's service history: null while the device
   * has not replied. The history carries no MessageId, so the call is the oldest record of the
   * service at or after `since` (a concurrent call of the same service on the same device could
   * be taken for it); a record that mentions `messageId` wins.
   */
  async queryServiceReply(conn: ConnectionConfig, ref: DeviceRef, query: ServiceReplyQuery): Promise<InvokeOutcome | null> {
    const request = new QueryDeviceServiceDataRequest({
      ...instance(conn),
      ...selector(conn, ref),
      identifier: query.identifier,
      startTime: query.since.getTime(),
      endTime: Date.now() + CLOCK_SKEW_MS,
      asc: 1,
      pageSize: MAX_PAGE_SIZE,
    });
    const body = await this.discover(conn, `QueryDeviceServiceData ${query.identifier} of device ${refText(ref)}`, serviceDataBodySchema, (c) =>
      c.queryDeviceServiceData(request),
    );
    const rows = rowsOf(body.data?.list?.serviceInfo, serviceInfoSchema);
    const row = pickCall(rows, query.messageId);
    if (!row?.outputData) return null;
    const outcome = replyOutcome(parseDeviceReply(row.outputData));
    if (query.messageId) outcome.messageId = query.messageId;
    return outcome;
  }

  // ---- discovery helpers ----------------------------------------------------------------------

  private async productPage(conn: ConnectionConfig, productKey: string, pageNo: number, pageSize: number): Promise<Page<DeviceSummary>> {
    const body = await this.devicePage(conn, productKey, pageNo, pageSize);
    const items = rowsOf(body.data?.deviceInfo, deviceInfoSchema).map(fromDeviceInfo);
    return { items, pageNo: body.page ?? pageNo, pageSize: body.pageSize ?? pageSize, total: body.total ?? items.length };
  }

  private devicePage(conn: ConnectionConfig, productKey: string, page: number, pageSize: number) {
    return this.discover(conn, `QueryDevice for product ${productKey}`, queryDeviceBodySchema, (c) =>
      c.queryDevice(new QueryDeviceRequest({ ...instance(conn), productKey, currentPage: page, pageSize })),
    );
  }

  /** Every product of the account (QueryProductList, 200 per page). */
  private async products(conn: ConnectionConfig): Promise<ProductInfo[]> {
    const out: ProductInfo[] = [];
    for (let page = 1; page <= 50; page++) {
      const body = await this.discover(conn, "QueryProductList", productListBodySchema, (c) =>
        c.queryProductList(new QueryProductListRequest({ ...instance(conn), currentPage: page, pageSize: PRODUCT_PAGE_SIZE })),
      );
      const rows = rowsOf(body.data?.list?.productInfo, productInfoSchema);
      out.push(...rows);
      if (rows.length < PRODUCT_PAGE_SIZE || out.length >= (body.data?.total ?? 0)) break;
    }
    return out;
  }

  /** One page over all products, in product order, using each product's DeviceCount to skip. */
  private async pageAcross(conn: ConnectionConfig, products: ProductInfo[], pageNo: number, pageSize: number): Promise<Page<DeviceSummary>> {
    let skip = (pageNo - 1) * pageSize;
    const items: DeviceSummary[] = [];
    for (const p of products) {
      const count = p.deviceCount ?? 0;
      if (skip >= count) {
        skip -= count;
        continue;
      }
      const rows = await this.rows(conn, p.productKey, skip, Math.min(count, skip + pageSize - items.length));
      items.push(...rows.map((r) => ({ ...r, ...(p.productName ? { productName: p.productName } : {}) })));
      skip = 0;
      if (items.length >= pageSize) break;
    }
    const total = products.reduce((n, p) => n + (p.deviceCount ?? 0), 0);
    return { items, pageNo, pageSize, total };
  }

  /** Devices [from, to) of one product, read in QueryDevice pages of 50. */
  private async rows(conn: ConnectionConfig, productKey: string, from: number, to: number): Promise<DeviceSummary[]> {
    const out: DeviceSummary[] = [];
    for (let page = Math.floor(from / MAX_PAGE_SIZE) + 1; (page - 1) * MAX_PAGE_SIZE < to; page++) {
      const body = await this.devicePage(conn, productKey, page, MAX_PAGE_SIZE);
      const rows = rowsOf(body.data?.deviceInfo, deviceInfoSchema).map(fromDeviceInfo);
      const start = (page - 1) * MAX_PAGE_SIZE;
      out.push(...rows.slice(Math.max(0, from - start), to - start));
      if (rows.length < MAX_PAGE_SIZE) break;
    }
    return out;
  }

  /** All devices of the products, up to MAX_SCAN_DEVICES (for text search). */
  private async scan(conn: ConnectionConfig, products: ProductInfo[]): Promise<DeviceSummary[]> {
    const out: DeviceSummary[] = [];
    for (const p of products) {
      const rows = await this.rows(conn, p.productKey, 0, MAX_SCAN_DEVICES - out.length);
      out.push(...rows.map((r) => ({ ...r, ...(p.productName ? { productName: p.productName } : {}) })));
      if (out.length >= MAX_SCAN_DEVICES) break;
    }
    return out;
  }

  private async tsl(conn: ConnectionConfig, productKey: string, functionBlockId?: string): Promise<unknown> {
    const thing = functionBlockId ? `module ${functionBlockId} of product ${productKey}` : `product ${productKey}`;
    const body = await this.discover(conn, `GetThingModelTslPublished for ${thing}`, tslBodySchema, (c) =>
      c.getThingModelTslPublished(new GetThingModelTslPublishedRequest({ ...instance(conn), productKey, ...(functionBlockId ? { functionBlockId } : {}) })),
    );
    const tsl = parseJsonObject(body.data?.tslStr);
    if (!tsl) throw unexpected(conn, `the TSL of ${thing}`, body.data?.tslStr);
    // a module's TSL names its module; add it if the platform left it out, so identifiers qualify
    return functionBlockId ? { ...tsl, functionBlockId } : tsl;
  }

  /** Custom modules, listed in the default module's ThingModelJson (aliyun.md §4.3). */
  private async moduleIds(conn: ConnectionConfig, productKey: string): Promise<string[]> {
    const body = await this.discover(conn, `QueryThingModelPublished for product ${productKey}`, thingModelBodySchema, (c) =>
      c.queryThingModelPublished(new QueryThingModelPublishedRequest({ ...instance(conn), productKey })),
    );
    return functionBlockIds(parseJsonObject(body.data?.thingModelJson)) ?? [];
  }

  // ---- calls --------------------------------------------------------------------------------

  /** A discovery call: parsed, and Success:false turned into a PlatformError naming the thing. */
  private async discover<S extends z.ZodType<Envelope>>(
    conn: ConnectionConfig,
    what: string,
    schema: S,
    run: (client: IotClient) => Promise<{ body?: unknown }>,
  ): Promise<z.infer<S>> {
    const res = await callAliyun(conn, what, run, this.opts);
    const body = parseBody(conn, what, schema, res.body);
    if (body.success === false) throw businessError(conn, what, body);
    return body;
  }

  /** An invoke call: throttling is an answer (FAILED, nothing reached a device), not an error. */
  private async callOrThrottled(conn: ConnectionConfig, what: string, run: (client: IotClient) => Promise<{ body?: unknown }>): Promise<CallResult | InvokeOutcome> {
    try {
      return await callAliyun(conn, what, run, this.opts);
    } catch (e) {
      if (!(e instanceof PlatformError) || !isThrottling(e.code)) throw e;
      return {
        status: "FAILED",
        platformCode: e.code,
        ...(e.platformMessage ? { platformMessage: e.platformMessage } : {}),
        message: `The call was ${RATE_LIMITED} (${codeText(e.code ?? "Throttling", e.platformMessage)}). Wait a moment and try again.`,
      };
    }
  }
}

/** Shared by every Alibaba connection in this process. */
export const aliyunAdapter: AliyunAdapter = createAliyunAdapter();

/** For the reconciler: the device's reply to an accepted (async) call, or null while there is none. */
export function queryServiceReply(conn: ConnectionConfig, ref: DeviceRef, query: ServiceReplyQuery): Promise<InvokeOutcome | null> {
  return aliyunAdapter.queryServiceReply(conn, ref, query);
}

/** One async service on up to 100 devices of a product (InvokeThingsService). */
export function invokeBatch(conn: ConnectionConfig, productKey: string, deviceNames: string[], service: ServiceSpec, input: Record<string, unknown>): Promise<InvokeOutcome> {
  return aliyunAdapter.invokeBatch(conn, productKey, deviceNames, service, input);
}

// ---- request building -----------------------------------------------------------------------

function instance(conn: ConnectionConfig): { iotInstanceId?: string } {
  return conn.instanceId ? { iotInstanceId: conn.instanceId } : {};
}

/** IotId wins over ProductKey + DeviceName on the platform, so send just one of them. */
function selector(conn: ConnectionConfig, ref: DeviceRef): { iotId: string } | { productKey: string; deviceName: string } {
  if (ref.iotId) return { iotId: ref.iotId };
  if (ref.productKey && ref.deviceKey) return { productKey: ref.productKey, deviceName: ref.deviceKey };
  throw new PlatformError("request", `Alibaba Cloud needs an IotId, or a product key and device name, to find a device (${connLabel(conn)}).`, { notSent: true });
}

function refText(ref: DeviceRef): string {
  if (ref.productKey && ref.deviceKey) return `${ref.productKey}/${ref.deviceKey}`;
  return ref.iotId ? `with IotId ${ref.iotId}` : "(no key)";
}

function checkBatch(conn: ConnectionConfig, deviceNames: string[], service: ServiceSpec): void {
  const problem =
    deviceNames.length === 0
      ? "needs at least one device"
      : deviceNames.length > MAX_BATCH_DEVICES
        ? `takes at most ${MAX_BATCH_DEVICES} devices per call (got ${deviceNames.length})`
        : service.callType !== "async"
          ? `only calls async services; ${service.identifier} is sync`
          : null;
  if (problem) throw new PlatformError("request", `A batch invocation ${problem} (${connLabel(conn)}).`, { notSent: true });
}

// ---- response mapping -----------------------------------------------------------------------

function parseBody<S extends z.ZodType>(conn: ConnectionConfig, what: string, schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw unexpected(conn, what, body);
  return parsed.data;
}

/** Rows of a list that parse; a row without its keys could not be used anyway. */
function rowsOf<S extends z.ZodType>(list: unknown[] | null | undefined, schema: S): z.infer<S>[] {
  return (list ?? []).flatMap((raw) => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
}

function parseJsonObject(text: string | null | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Module ids from a `functionBlocks` list; undefined when the document has none. */
function functionBlockIds(doc: unknown): string[] | undefined {
  const parsed = functionBlocksSchema.safeParse(doc);
  const blocks = parsed.success ? parsed.data.functionBlocks : undefined;
  return blocks ? blocks.map((b) => b.functionBlockId) : undefined;
}

const STATUSES: Record<string, DeviceStatus> = { ONLINE: "online", OFFLINE: "offline", UNACTIVE: "inactive", DISABLE: "disabled" };

function summary(d: { iotId: string; productKey: string; deviceName: string; nickname?: string | null; status?: string | null; productName?: string | null }): DeviceSummary {
  const out: DeviceSummary = {
    productKey: d.productKey,
    deviceKey: d.deviceName,
    iotId: d.iotId,
    assetId: null,
    name: d.nickname || d.deviceName,
    modelId: null,
    status: STATUSES[(d.status ?? "").toUpperCase()] ?? "unknown",
  };
  if (d.productName) out.productName = d.productName;
  return out;
}

function fromDeviceInfo(d: DeviceInfo): DeviceSummary {
  return summary({ ...d, status: d.deviceStatus });
}

function matchesText(d: DeviceSummary, text: string): boolean {
  return [d.deviceKey, d.name, d.iotId ?? ""].some((s) => s.toLowerCase().includes(text));
}

function pickCall(rows: ServiceInfo[], messageId?: string): ServiceInfo | undefined {
  const exact = messageId ? rows.find((r) => [r.inputData, r.outputData].some((t) => t?.includes(messageId))) : undefined;
  return exact ?? rows[0];
}

function invokeOutcome(body: z.infer<typeof invokeBodySchema>, res: CallResult): InvokeOutcome {
  if (body.success === false) return failedOutcome(body, res.sentAt);
  const messageId = body.data?.messageId ?? undefined;
  const result = body.data?.result;
  const base: InvokeOutcome =
    result === undefined || result === null
      ? { status: "SENT", sentAt: res.sentAt } // async: the reply comes later
      : { ...replyOutcome(parseDeviceReply(result)), sentAt: res.sentAt, deviceRepliedAt: res.receivedAt };
  if (messageId) base.messageId = messageId;
  return withRequestId(base, body);
}

function failedOutcome(body: Envelope, sentAt?: Date): InvokeOutcome {
  const code = body.code ?? "unknown";
  const mapped = mapInvokeError(code, body.errorMessage);
  const outcome: InvokeOutcome = { status: mapped.status, platformCode: code, message: mapped.message };
  if (body.errorMessage) outcome.platformMessage = body.errorMessage;
  if (mapped.reachedDevice && sentAt) outcome.sentAt = sentAt;
  return withRequestId(outcome, body);
}

function withRequestId(outcome: InvokeOutcome, body: Envelope): InvokeOutcome {
  if (body.requestId) outcome.platformRequestId = body.requestId;
  return outcome;
}

function businessError(conn: ConnectionConfig, what: string, body: Envelope): PlatformError {
  const code = body.code ?? "unknown";
  const opts = { code, platformMessage: body.errorMessage ?? undefined };
  const detail = codeText(code, body.errorMessage);
  if (code.startsWith("iot.device.NotExisted") || code.startsWith("iot.prod.NotExisted")) {
    return new PlatformError("request", `Alibaba Cloud found nothing for ${what} (${detail}). Check the keys and the connection's instance ID.`, opts);
  }
  if (code === "iot.system.InstanceNotFound" || code === "iot.Sre.IotInstanceNotFound") {
    return new PlatformError("request", `Alibaba Cloud does not know the IoT instance of ${connLabel(conn)} (${detail}). Check the instance ID.`, opts);
  }
  if (code.includes("PermissionDeny")) {
    return new PlatformError("auth", `The AccessKey of ${connLabel(conn)} may not do ${what} (${detail}). Grant it IoT permissions in RAM.`, opts);
  }
  const kind = code === "iot.system.SystemException" ? "platform" : "request";
  return new PlatformError(kind, `Alibaba Cloud refused ${what} for ${connLabel(conn)} (${detail}).`, opts);
}

function unexpected(conn: ConnectionConfig, what: string, data: unknown): PlatformError {
  const shown = typeof data === "string" ? data : (JSON.stringify(data) ?? "nothing");
  return new PlatformError("platform", `Alibaba Cloud answered with unexpected data for ${what} (${connLabel(conn)}): ${snippet(shown)}`);
}
