import { describe, expect, it } from "vitest";
import { DeviceTable } from "../devices";
import type { ApiRequest } from "../http/types";
import { validateSeed } from "../seed";
import { authenticate } from "./auth";
import { EnosCatalog } from "./catalog";
import { apimSignature, tokenEncryption } from "./signature";
import { createTokenApi } from "./token-api";
import { TokenStore } from "./tokens";

const APP = { accessKey: "ak", secretKey: "sk", orgId: "o1" };
const seed = validateSeed({ enos: { apps: [APP], products: [], devices: [] } }, "test");
const T0 = 1_700_000_000_000;

function setup() {
  let clock = T0;
  let n = 0;
  const store = new TokenStore(() => `token-${++n}`);
  const catalog = new EnosCatalog(seed, new Map(), new DeviceTable(seed, () => null));
  const api = createTokenApi(store, catalog, () => clock);
  return { store, catalog, api, advance: (ms: number) => (clock += ms), now: () => clock };
}

function request(body: unknown, extra: Partial<ApiRequest> = {}): ApiRequest {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { method: "POST", path: "/", query: new URLSearchParams(), headers: {}, body: text, receivedAt: T0, ...extra };
}

const signedBody = (ts: number | string, extra: Record<string, unknown> = {}) => ({
  appKey: "ak",
  timestamp: ts,
  encryption: tokenEncryption("ak", String(ts), "sk"),
  ...extra,
});

describe("token/get", () => {
  it("issues a token and returns the same one while it is valid; timestamp may be a string", async () => {
    const { api, store } = setup();
    const first = await api.get(request(signedBody(T0)));
    expect(first.body).toEqual({
      status: 0, msg: "SUCCESS", business: "apim-token-service", data: { accessToken: "token-1", expire: 7200 },
    });
    const second = await api.get(request(signedBody(String(T0 + 1))));
    expect((second.body as { data: { accessToken: string } }).data.accessToken).toBe("token-1");
    expect(store.stats).toEqual({ tokenGets: 2, tokenRefreshes: 0 });
  });

  it.each([
    [{ appKey: "ak", timestamp: T0 }, 1202],
    [{ ...signedBody(T0), appKey: "other" }, 1002],
    [{ ...signedBody(T0), encryption: "0".repeat(64) }, 1003],
    [signedBody(T0 - 5 * 60 * 1000 - 1), 1004],
    [signedBody("17e11"), 1004],
    ["not json", 1004],
  ])("answers %j with status %i", async (body, status) => {
    const { api } = setup();
    const res = await api.get(request(body));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status, data: null });
  });

  it("refuses a replayed encryption with 1001", async () => {
    const { api } = setup();
    await api.get(request(signedBody(T0)));
    expect((await api.get(request(signedBody(T0)))).body).toMatchObject({ status: 1001 });
  });
});

describe("token/refresh", () => {
  it("issues a new token and invalidates the old one; an unknown token gets 1204", async () => {
    const { api, store, now } = setup();
    await api.get(request(signedBody(T0)));
    const res = await api.refresh(request(signedBody(T0 + 1, { accessToken: "token-1" })));
    expect(res.body).toMatchObject({ status: 0, data: { accessToken: "token-2", expire: 7200 } });
    expect(store.lookup("token-1", now())).toEqual({ state: "unknown" });
    expect((await api.refresh(request(signedBody(T0 + 2, { accessToken: "token-1" })))).body).toMatchObject({ status: 1204 });
  });
});

describe("gateway check", () => {
  const query = new URLSearchParams("action=get&orgId=o1");

  function signed(token: string, ts: number, sig?: string): ApiRequest {
    const headers = {
      "apim-accesstoken": token,
      "apim-timestamp": String(ts),
      "apim-signature": sig ?? apimSignature(token, query, "", String(ts), "sk"),
    };
    return { method: "GET", path: "/", query, headers, body: "", receivedAt: ts };
  }

  it("accepts a correct signature and answers each failure with its 401 code", async () => {
    const { api, store, catalog, advance, now } = setup();
    await api.get(request(signedBody(T0)));
    const code = (req: ApiRequest) => {
      const r = authenticate(req, store, catalog, now());
      return "reject" in r ? [r.reject.status, (r.reject.body as { code: number }).code] : "ok";
    };
    expect(code(signed("token-1", T0))).toBe("ok");
    expect(code({ ...signed("token-1", T0), headers: {} })).toEqual([401, 1202]);
    expect(code(signed("nope", T0))).toEqual([401, 401]);
    expect(code(signed("token-1", T0, "f".repeat(64)))).toEqual([401, 1003]);
    expect(code(signed("token-1", T0 - 6 * 60 * 1000))).toEqual([401, 1004]);
    store.expireAll(now());
    expect(code(signed("token-1", T0))).toEqual([401, 1203]);
    advance(1);
    await api.get(request(signedBody(T0 + 1)));
    expect(code(signed("token-2", now()))).toBe("ok");
  });
});
