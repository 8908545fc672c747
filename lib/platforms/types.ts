// The port every platform adapter implements. Nothing here knows Next.js or Prisma.
import type { ServiceSpec } from "../thing-model/types";
import type { InvocationStatus } from "../invocations/status";

export const PLATFORM_IDS = ["enos", "enos-legacy", "aliyun"] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

/** A connection as the adapter needs it: the secret already unsealed, server-side only. */
export interface ConnectionConfig {
  id: string;
  name: string;
  platform: PlatformId;
  /** base URL, e.g. "https://apim-ppe1.envisioniot.com" or "http://127.0.0.1:4010" */
  endpoint: string;
  orgId?: string | null;
  regionId?: string | null;
  instanceId?: string | null;
  accessKey: string;
  secretKey: string;
}

export interface DeviceRef {
  productKey: string;
  deviceKey: string;
  assetId?: string | null;
  iotId?: string | null;
}

export type DeviceStatus = "online" | "offline" | "inactive" | "disabled" | "unknown";

export interface DeviceSummary extends DeviceRef {
  name: string;
  productName?: string;
  modelId?: string | null;
  status: DeviceStatus;
}

/** A product of a connection, for filtering devices by product. */
export interface ProductSummary {
  productKey: string;
  /** display name; the product key when the platform gives none */
  name: string;
}

export interface Page<T> {
  items: T[];
  pageNo: number;
  pageSize: number;
  total: number;
}

export interface DeviceQuery {
  /** free text: device key / name / asset id */
  text?: string;
  productKey?: string;
  pageNo: number;
  pageSize: number;
}

export interface InvokeRequest {
  device: DeviceRef;
  service: ServiceSpec;
  /** validated input, in the shape of service.inputs (wire encoding is the adapter's job) */
  input: Record<string, unknown>;
  /** EnOS v2.1: 1..60 s; Alibaba: sync limit 8 s */
  timeoutMs: number;
  /** EnOS cached commands: 0 = instant */
  pendingTtlS?: number;
}

/** What the platform said about a call, already mapped to the shared status vocabulary. */
export interface InvokeOutcome {
  status: InvocationStatus;
  output?: unknown;
  /** the platform's raw code (EnOS `code`, Alibaba `Code` or Alink device code) */
  platformCode?: string;
  /** the platform's raw message */
  platformMessage?: string;
  /** a message a field engineer understands */
  message?: string;
  platformRequestId?: string;
  commandId?: string;
  messageId?: string;
  /** the platform's raw state (EnOS command state 1..7) */
  rawState?: string;
  sentAt?: Date;
  deviceRepliedAt?: Date;
}

export type PlatformErrorKind =
  /** credentials rejected (bad key/secret/signature/token) */
  | "auth"
  /** the request was refused before anything reached a device (bad params, unknown device...) */
  | "request"
  /** a network error: may or may not have reached the platform */
  | "network"
  /** the platform answered with something we could not understand, or a 5xx */
  | "platform";

/** An error from a platform call, with a message naming the connection and the fix. */
export class PlatformError extends Error {
  readonly kind: PlatformErrorKind;
  readonly code?: string;
  readonly platformMessage?: string;
  /** true when the request provably never left this process (safe to retry) */
  readonly notSent: boolean;
  constructor(
    kind: PlatformErrorKind,
    message: string,
    opts: { code?: string; platformMessage?: string; notSent?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "PlatformError";
    this.kind = kind;
    this.code = opts.code;
    this.platformMessage = opts.platformMessage;
    this.notSent = opts.notSent ?? false;
  }
}

/** What identifies a call on the platform after it was accepted, for polling and cancelling. */
export interface InvocationHandle {
  serviceId: string;
  commandId?: string | null;
  messageId?: string | null;
  requestedAt: Date;
  timeoutMs: number;
}

export interface PlatformAdapter {
  readonly id: PlatformId;
  /** cheap authenticated call proving the credentials work */
  testConnection(conn: ConnectionConfig): Promise<void>;
  searchDevices(conn: ConnectionConfig, query: DeviceQuery): Promise<Page<DeviceSummary>>;
  getDevice(conn: ConnectionConfig, ref: DeviceRef): Promise<DeviceSummary>;
  /** services of the device's thing model, as ServiceSpecs */
  listServices(conn: ConnectionConfig, device: DeviceSummary): Promise<ServiceSpec[]>;
  /**
   * Invoke a service. Platform answers (including device errors, offline, timeouts) come back as
   * an InvokeOutcome; only failures to talk to the platform at all throw a PlatformError.
   */
  invoke(conn: ConnectionConfig, req: InvokeRequest): Promise<InvokeOutcome>;
  /**
   * Ask the platform what became of an accepted call (EnOS cached command, Alibaba async message).
   * null = no news yet. Used by the reconciler; absent where the platform cannot be asked.
   */
  poll?(conn: ConnectionConfig, ref: DeviceRef, handle: InvocationHandle): Promise<InvokeOutcome | null>;
  /** Cancel a call that is still waiting on the platform (EnOS cached command in state 1). */
  cancel?(conn: ConnectionConfig, ref: DeviceRef, handle: InvocationHandle): Promise<InvokeOutcome>;
  /** The connection's products (for the device browser's product filter); absent where not listed. */
  listProducts?(conn: ConnectionConfig): Promise<ProductSummary[]>;
  /**
   * One async service on several devices of one product in a single platform call (Alibaba
   * InvokeThingsService). SENT means the platform accepted it; each device's reply is polled per
   * device, by service and time (the call returns no message id). Absent where there is no batch call.
   */
  invokeBatch?(conn: ConnectionConfig, productKey: string, deviceNames: string[], service: ServiceSpec, input: Record<string, unknown>): Promise<InvokeOutcome>;
}
