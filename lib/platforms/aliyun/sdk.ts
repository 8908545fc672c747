// The official Alibaba Cloud SDK (@alicloud/iot20180120 on @alicloud/openapi-client), configured
// for one connection. Node-only (http, crypto): server code, never Edge or the browser.
import * as iotSdk from "@alicloud/iot20180120";
import * as openApi from "@alicloud/openapi-client";
import type { ConnectionConfig } from "../types";
import { PlatformError } from "../types";
import { connLabel } from "./errors";

export type IotClient = iotSdk.default;

/**
 * The SDK is CommonJS with `exports.default = Client`. Node's ESM loader hands the whole exports
 * object over as the default import, bundlers hand over `exports.default`: accept both.
 */
function cjsDefault<T>(imported: T): T {
  if (typeof imported === "function") return imported;
  return (imported as { default: T }).default;
}
const IotClientClass = cjsDefault(iotSdk.default);

/**
 * Both SDK timeouts default to 3 s, below the 8 s a sync service may take, and `connectTimeout`
 * is also the socket's idle timeout: both must exceed the sync limit, or a slow device reads as a
 * network failure instead of the platform's own timeout answer.
 */
export const SDK_TIMEOUT_MS = 15_000;

export interface SdkEndpoint {
  /** host[:port], no scheme: what the SDK's `endpoint` takes */
  host: string;
  protocol: "http" | "https";
}

/** `http://127.0.0.1:4020` or `https://iot.cn-shanghai.aliyuncs.com` -> SDK host + protocol. */
export function sdkEndpoint(conn: Pick<ConnectionConfig, "endpoint" | "regionId" | "name">): SdkEndpoint {
  const raw = conn.endpoint.trim();
  if (!raw && conn.regionId) return { host: `iot.${conn.regionId}.aliyuncs.com`, protocol: "https" };
  let url: URL | undefined;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || !url.host) {
    throw new PlatformError(
      "request",
      `The endpoint of ${connLabel(conn)} is not an http(s) URL (“${conn.endpoint}”). Use e.g. https://iot.cn-shanghai.aliyuncs.com. Edit the connection.`,
      { notSent: true },
    );
  }
  return { host: url.host, protocol: url.protocol === "http:" ? "http" : "https" };
}

export interface SdkOptions {
  /** "v2" = the V1 HMAC-SHA1 query signature; default V3 (ACS3-HMAC-SHA256) */
  signatureAlgorithm?: "v2";
}

export function sdkConfig(conn: ConnectionConfig, opts: SdkOptions = {}): openApi.Config {
  if (!conn.accessKey || !conn.secretKey) {
    throw new PlatformError("request", `${capitalise(connLabel(conn))} has no AccessKey ID or secret. Edit the connection.`, { notSent: true });
  }
  const { host, protocol } = sdkEndpoint(conn);
  return new openApi.Config({
    accessKeyId: conn.accessKey,
    accessKeySecret: conn.secretKey,
    endpoint: host,
    protocol,
    ...(conn.regionId ? { regionId: conn.regionId } : {}),
    readTimeout: SDK_TIMEOUT_MS,
    connectTimeout: SDK_TIMEOUT_MS,
    ...(opts.signatureAlgorithm ? { signatureAlgorithm: opts.signatureAlgorithm } : {}),
  });
}

/** A client per call: construction is cheap and nothing then outlives a changed secret. */
export function createIotClient(conn: ConnectionConfig, opts: SdkOptions = {}): IotClient {
  return new IotClientClass(sdkConfig(conn, opts));
}

export {
  GetThingModelTslPublishedRequest,
  InvokeThingServiceRequest,
  InvokeThingsServiceRequest,
  QueryDeviceDetailRequest,
  QueryDeviceRequest,
  QueryDeviceServiceDataRequest,
  QueryProductListRequest,
  QueryThingModelPublishedRequest,
} from "@alicloud/iot20180120";

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
