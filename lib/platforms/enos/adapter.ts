// The EnOS v2.1 (APIM) adapter: device discovery, thing models, invokeService (instant and cached)
// and the command calls a reconciler uses (poll / cancel).
import "server-only";
import { enosServices, i18nFromEnos } from "../../thing-model/enos";
import type { ServiceSpec } from "../../thing-model/types";
import { toEnosWire } from "../../thing-model/wire";
import { checkPendingTtl, checkTimeout } from "../limits";
import type {
  ConnectionConfig,
  DeviceQuery,
  DeviceRef,
  DeviceStatus,
  DeviceSummary,
  InvocationHandle,
  InvokeOutcome,
  InvokeRequest,
  Page,
  PlatformAdapter,
  ProductSummary,
} from "../types";
import { PlatformError } from "../types";
import { callEnos, type EnosCall, type EnosReply } from "./client";
import { mapInvokeCode } from "./codes";
import { EnosCommands, type CommandOutcome, type CommandSearch } from "./commands";
import { connLabel } from "./errors";
import {
  COMMANDS_PATH,
  deviceSelector,
  DEVICES_PATH,
  discoveryError,
  invalidCall,
  orgIdOf,
  refText,
  THING_MODELS_PATH,
  unexpectedData,
  type Subject,
} from "./request";
import { deviceSchema, invokeDataSchema, productSchema, type EnosDevice } from "./schemas";
import { EnosTokenManager } from "./token";

export { COMMANDS_PATH, DEVICES_PATH, THING_MODELS_PATH } from "./request";
export type { CommandOutcome, CommandSearch } from "./commands";
const MAX_PAGE_SIZE = 200;
const PRODUCTS_PATH = "/connect-service/v2.1/products";
/** Product searches read 200 per page; this bounds one listing (10 000 products). */
const MAX_PRODUCT_PAGES = 50;

export interface EnosAdapterOptions {
  tokens?: EnosTokenManager;
  /** timeout of discovery calls */
  discoveryTimeoutMs?: number;
  /** added to an instant command's own timeout before we stop waiting for the HTTP answer */
  invokeMarginMs?: number;
}

/** The port plus EnOS's command calls (get / search / cancel a command by id). */
export interface EnosAdapter extends PlatformAdapter {
  getCommand(conn: ConnectionConfig, ref: DeviceRef, commandId: string): Promise<CommandOutcome>;
  searchCommands(conn: ConnectionConfig, ref: DeviceRef, query: CommandSearch): Promise<Page<CommandOutcome>>;
  cancelCommand(conn: ConnectionConfig, ref: DeviceRef, commandId: string): Promise<CommandOutcome>;
  poll(conn: ConnectionConfig, ref: DeviceRef, handle: InvocationHandle): Promise<InvokeOutcome | null>;
  listProducts(conn: ConnectionConfig): Promise<ProductSummary[]>;
  cancel(conn: ConnectionConfig, ref: DeviceRef, handle: InvocationHandle): Promise<InvokeOutcome>;
}

export function createEnosAdapter(opts: EnosAdapterOptions = {}): EnosAdapter {
  const tokens = opts.tokens ?? new EnosTokenManager();
  const discoveryTimeoutMs = opts.discoveryTimeoutMs ?? 20_000;
  const api = new EnosApi(tokens, discoveryTimeoutMs, opts.invokeMarginMs ?? 5_000);
  const commands = new EnosCommands(tokens, discoveryTimeoutMs);
  return {
    id: "enos",
    testConnection: (conn) => api.testConnection(conn),
    searchDevices: (conn, query) => api.searchDevices(conn, query),
    getDevice: (conn, ref) => api.getDevice(conn, ref),
    listServices: (conn, device) => api.listServices(conn, device),
    listProducts: (conn) => api.listProducts(conn),
    invoke: (conn, req) => api.invoke(conn, req),
    getCommand: (conn, ref, commandId) => commands.get(conn, ref, commandId),
    searchCommands: (conn, ref, query) => commands.search(conn, ref, query),
    cancelCommand: (conn, ref, commandId) => commands.cancel(conn, ref, commandId),
    poll: (conn, ref, handle) => commands.poll(conn, ref, handle),
    cancel: (conn, ref, handle) => {
      if (!handle.commandId) return Promise.reject(nothingToCancel(conn));
      return commands.cancel(conn, ref, handle.commandId);
    },
  };
}

function nothingToCancel(conn: ConnectionConfig): PlatformError {
  return new PlatformError(
    "request",
    `This invocation has no EnOS command ID, so there is nothing to cancel (${connLabel(conn)}). Only cached commands can be cancelled.`,
    { notSent: true },
  );
}

class EnosApi {
  constructor(
    private readonly tokens: EnosTokenManager,
    private readonly discoveryTimeoutMs: number,
    private readonly invokeMarginMs: number,
  ) {}

  async testConnection(conn: ConnectionConfig): Promise<void> {
    // a fresh token proves key and secret; the search proves signing and the orgId
    await this.tokens.getToken(conn, { fresh: true });
    await this.searchDevices(conn, { pageNo: 1, pageSize: 1 });
  }

  async searchDevices(conn: ConnectionConfig, query: DeviceQuery): Promise<Page<DeviceSummary>> {
    const pageNo = Math.max(1, Math.floor(query.pageNo) || 1);
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize) || 10));
    const expression = deviceExpression(query);
    const reply = await this.discover(
      conn,
      { method: "POST", path: DEVICES_PATH, query: { action: "search", orgId: orgIdOf(conn) }, body: { ...(expression ? { expression } : {}), pagination: { pageNo, pageSize } } },
      { action: "search devices" },
    );
    const { data, pagination } = reply.envelope;
    if (!Array.isArray(data)) throw unexpectedData(conn, "device search", data);
    // a row without its keys could not be selected anyway: skip it rather than fail the page
    const items = data.flatMap((raw) => {
      const parsed = deviceSchema.safeParse(raw);
      return parsed.success ? [toSummary(parsed.data)] : [];
    });
    return {
      items,
      pageNo: pagination?.pageNo ?? pageNo,
      pageSize: pagination?.pageSize ?? pageSize,
      total: pagination?.totalSize ?? items.length,
    };
  }

  /** The org's products (v2.1 products search, 200 per page). */
  async listProducts(conn: ConnectionConfig): Promise<ProductSummary[]> {
    const out: ProductSummary[] = [];
    for (let pageNo = 1; pageNo <= MAX_PRODUCT_PAGES; pageNo++) {
      const reply = await this.discover(
        conn,
        { method: "POST", path: PRODUCTS_PATH, query: { action: "search", orgId: orgIdOf(conn) }, body: { pagination: { pageNo, pageSize: MAX_PAGE_SIZE } } },
        { action: "search products" },
      );
      const { data, pagination } = reply.envelope;
      if (!Array.isArray(data)) throw unexpectedData(conn, "product search", data);
      for (const raw of data) {
        const parsed = productSchema.safeParse(raw);
        if (parsed.success) out.push({ productKey: parsed.data.productKey, name: i18nFromEnos(parsed.data.productName)?.default || parsed.data.productKey });
      }
      if (data.length < MAX_PAGE_SIZE || out.length >= (pagination?.totalSize ?? 0)) break;
    }
    return out;
  }

  async getDevice(conn: ConnectionConfig, ref: DeviceRef): Promise<DeviceSummary> {
    const thing = `device ${refText(ref)}`;
    const reply = await this.discover(
      conn,
      { method: "GET", path: DEVICES_PATH, query: { action: "get", orgId: orgIdOf(conn), ...deviceSelector(conn, ref) } },
      { action: `get ${thing}`, thing },
    );
    const parsed = deviceSchema.safeParse(reply.envelope.data);
    if (!parsed.success) throw unexpectedData(conn, thing, reply.envelope.data);
    return toSummary(parsed.data);
  }

  async listServices(conn: ConnectionConfig, device: DeviceSummary): Promise<ServiceSpec[]> {
    const modelId = device.modelId || (await this.getDevice(conn, device)).modelId;
    if (!modelId) {
      throw new PlatformError("request", `EnOS reports no thing model for device ${refText(device)} (${connLabel(conn)}).`, { notSent: true });
    }
    const thing = `thing model “${modelId}”`;
    const reply = await this.discover(
      conn,
      { method: "GET", path: THING_MODELS_PATH, query: { action: "get", orgId: orgIdOf(conn), modelId } },
      { action: `get ${thing}`, thing },
    );
    const data = reply.envelope.data;
    const model: unknown = Array.isArray(data) ? data[0] : data;
    if (typeof model !== "object" || model === null) throw unexpectedData(conn, thing, data);
    return enosServices(model);
  }

  async invoke(conn: ConnectionConfig, req: InvokeRequest): Promise<InvokeOutcome> {
    const pendingTtl = req.pendingTtlS ?? 0;
    const timeoutProblem = checkTimeout("enos", req.timeoutMs);
    if (timeoutProblem) throw invalidCall(conn, `The timeout ${timeoutProblem}`);
    const ttlProblem = checkPendingTtl(pendingTtl);
    if (ttlProblem) throw invalidCall(conn, `The cache time (pendingTtl) ${ttlProblem}`);
    const timeoutS = req.timeoutMs / 1000;
    const call: EnosCall = {
      method: "POST",
      path: COMMANDS_PATH,
      query: {
        action: "invokeService",
        orgId: orgIdOf(conn),
        ...deviceSelector(conn, req.device),
        serviceId: req.service.identifier,
        pendingTtl,
        timeout: timeoutS,
      },
      body: { inputData: toEnosWire(req.service, req.input) },
      timeoutMs: req.timeoutMs + this.invokeMarginMs,
    };
    return toOutcome(await callEnos(conn, this.tokens, call), pendingTtl);
  }

  private async discover(conn: ConnectionConfig, call: Omit<EnosCall, "timeoutMs">, subject: Subject): Promise<EnosReply> {
    const reply = await callEnos(conn, this.tokens, { ...call, timeoutMs: this.discoveryTimeoutMs });
    if (reply.envelope.code !== 0) throw discoveryError(conn, reply, subject);
    return reply;
  }
}

/** Shared by every EnOS connection in this process, so tokens are shared too. */
export const enosAdapter: EnosAdapter = createEnosAdapter();

/** A command's current state (mapped to the shared status, raw state kept). */
export function getCommand(conn: ConnectionConfig, ref: DeviceRef, commandId: string): Promise<CommandOutcome> {
  return enosAdapter.getCommand(conn, ref, commandId);
}

/** A device's commands, newest first (EnOS keeps 7 days). */
export function searchCommands(conn: ConnectionConfig, ref: DeviceRef, query: CommandSearch): Promise<Page<CommandOutcome>> {
  return enosAdapter.searchCommands(conn, ref, query);
}

/** Cancels a cached command still waiting in the queue; otherwise answers with its current state. */
export function cancelCommand(conn: ConnectionConfig, ref: DeviceRef, commandId: string): Promise<CommandOutcome> {
  return enosAdapter.cancelCommand(conn, ref, commandId);
}

// ---- request building ---------------------------------------------------------------------------

/** A literal in EnOS's expression language: single quotes, backslash-escaped. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/**
 * `deviceKey = 'x' or assetId = 'x' or deviceName like 'x'`, with a product filter distributed
 * into each alternative: the documented grammar has `and`/`or` but says nothing of parentheses.
 */
export function deviceExpression(query: Pick<DeviceQuery, "text" | "productKey">): string | undefined {
  const text = query.text?.trim();
  const productKey = query.productKey?.trim();
  const product = productKey ? `productKey = ${quoteLiteral(productKey)}` : undefined;
  if (!text) return product;
  const t = quoteLiteral(text);
  const alternatives = [`deviceKey = ${t}`, `assetId = ${t}`, `deviceName like ${t}`];
  return alternatives.map((a) => (product ? `${product} and ${a}` : a)).join(" or ");
}

// ---- response mapping ---------------------------------------------------------------------------

const DEVICE_STATUSES: Record<string, DeviceStatus> = {
  online: "online",
  offline: "offline",
  inactive: "inactive",
  disabled: "disabled",
  disable: "disabled", // the search-expression docs spell it this way
};

export function toSummary(d: EnosDevice): DeviceSummary {
  const summary: DeviceSummary = {
    productKey: d.productKey,
    deviceKey: d.deviceKey,
    assetId: d.assetId ?? null,
    name: i18nFromEnos(d.deviceName)?.default ?? d.deviceKey,
    modelId: d.modelId ?? null,
    status: DEVICE_STATUSES[(d.status ?? "").toLowerCase()] ?? "unknown",
  };
  const productName = i18nFromEnos(d.productName)?.default;
  if (productName) summary.productName = productName;
  return summary;
}

export function toOutcome(reply: EnosReply, pendingTtlS: number): InvokeOutcome {
  const { code, msg, requestId, data } = reply.envelope;
  const parsed = invokeDataSchema.parse(data);
  const commandId = parsed?.commandId ?? undefined;
  const mapped = mapInvokeCode(code, msg, { commandId, pendingTtlS });
  const outcome: InvokeOutcome = { status: mapped.status, platformCode: String(code) };
  if (msg) outcome.platformMessage = msg;
  if (mapped.message) outcome.message = mapped.message;
  if (requestId) outcome.platformRequestId = requestId;
  if (commandId) outcome.commandId = commandId;
  if (parsed?.outputData !== undefined && parsed.outputData !== null) outcome.output = parsed.outputData;
  if (parsed?.state !== undefined && parsed.state !== null) outcome.rawState = String(parsed.state);
  // EnOS reports no times for instant commands; the HTTP exchange brackets them (the call blocks
  // until the device answers), so those are the best times we have.
  if (mapped.delivery) outcome.sentAt = reply.sentAt;
  if (mapped.delivery === "replied") outcome.deviceRepliedAt = reply.receivedAt;
  return outcome;
}
