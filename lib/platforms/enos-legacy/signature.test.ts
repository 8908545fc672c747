import { describe, expect, it } from "vitest";
import { legacySign, legacyStringToSign } from "./signature";

describe("older EnOS API signature", () => {
  it("reproduces the documentation's example (SHA-1; MD5 would give B63037F1…)", () => {
    const input = {
      accessKey: "accessKeyExample",
      secretKey: "secretKeyExample",
      params: { requestTimestamp: "1536560363020", productKey: "12345", orgId: "123" },
    };
    expect(legacyStringToSign(input)).toBe("accessKeyExampleorgId123productKey12345requestTimestamp1536560363020secretKeyExample");
    expect(legacySign(input)).toBe("4A6936C442CC34C5C42B9E06D97F2FA268B7E52F");
  });

  it("reproduces the contract's own vector with a body", () => {
    const input = {
      accessKey: "ak-demo",
      secretKey: "sk-demo",
      params: { orgId: "o15000000000001", requestId: "req-0001", timeout: "30000", requestTimestamp: "1700000000000" },
      body: '{"args":{"delay":5}}',
    };
    expect(legacyStringToSign(input)).toBe(
      'ak-demoorgIdo15000000000001requestIdreq-0001requestTimestamp1700000000000timeout30000{"args":{"delay":5}}sk-demo',
    );
    expect(legacySign(input)).toBe("930F3413911E7EBD2D82839891D2CBF33FE6B92C");
  });

  it("leaves accessKey and sign out and reads URLSearchParams the same way", () => {
    const params = new URLSearchParams("timeout=30000&accessKey=ak-demo&sign=X&requestId=req-0001&orgId=o15000000000001&requestTimestamp=1700000000000");
    expect(legacySign({ accessKey: "ak-demo", secretKey: "sk-demo", params, body: '{"args":{"delay":5}}' })).toBe(
      "930F3413911E7EBD2D82839891D2CBF33FE6B92C",
    );
  });

  it("signs raw values (not URL-encoded) in byte order of the names", () => {
    expect(legacyStringToSign({ accessKey: "k", secretKey: "s", params: { callbackUrl: "http://h/cb?a=1 b", a: "ä", Z: "z" } })).toBe(
      "kZzaäcallbackUrlhttp://h/cb?a=1 bs",
    );
  });
});
