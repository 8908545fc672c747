import { describe, expect, it } from "vitest";
import type { ConnectionConfig } from "../types";
import { PlatformError } from "../types";
import { SDK_TIMEOUT_MS, createIotClient, sdkConfig, sdkEndpoint } from "./sdk";

const conn: ConnectionConfig = { id: "c", name: "Ali", platform: "aliyun", endpoint: "https://iot.cn-shanghai.aliyuncs.com", accessKey: "ak", secretKey: "sk" };

describe("SDK configuration", () => {
  it("waits longer than the 8 s sync limit on both SDK timeouts", () => {
    const config = sdkConfig(conn);
    expect(config.readTimeout).toBe(SDK_TIMEOUT_MS);
    expect(config.connectTimeout).toBe(SDK_TIMEOUT_MS);
    expect(SDK_TIMEOUT_MS).toBeGreaterThan(8_000);
    expect(config.signatureAlgorithm).toBeUndefined(); // V3 by default
    expect(sdkConfig(conn, { signatureAlgorithm: "v2" }).signatureAlgorithm).toBe("v2");
  });

  it("derives host[:port] and protocol from the endpoint URL", () => {
    expect(sdkEndpoint({ ...conn, endpoint: "http://127.0.0.1:4020" })).toEqual({ host: "127.0.0.1:4020", protocol: "http" });
    expect(sdkEndpoint({ ...conn, endpoint: "https://iot.cn-shanghai.aliyuncs.com/" })).toEqual({ host: "iot.cn-shanghai.aliyuncs.com", protocol: "https" });
    expect(sdkEndpoint({ ...conn, endpoint: "iot.ap-southeast-1.aliyuncs.com" })).toEqual({ host: "iot.ap-southeast-1.aliyuncs.com", protocol: "https" });
    expect(sdkEndpoint({ ...conn, endpoint: "", regionId: "cn-beijing" })).toEqual({ host: "iot.cn-beijing.aliyuncs.com", protocol: "https" });
    expect(() => sdkEndpoint({ ...conn, endpoint: "ftp://x" })).toThrow(PlatformError);
    expect(() => sdkEndpoint({ ...conn, endpoint: "http://" })).toThrow(/not an http\(s\) URL/);
  });

  it("builds a client with them and refuses a connection without credentials before sending", () => {
    const config = sdkConfig({ ...conn, endpoint: "http://127.0.0.1:4020", regionId: "cn-shanghai" });
    expect(config).toMatchObject({ endpoint: "127.0.0.1:4020", protocol: "http", regionId: "cn-shanghai", accessKeyId: "ak" });
    expect(typeof createIotClient(conn).invokeThingService).toBe("function");
    expect(() => sdkConfig({ ...conn, secretKey: "" })).toThrow(expect.objectContaining({ kind: "request", notSent: true }));
  });
});
