import { describe, expect, it } from "vitest";
import { legacySign, legacyStringToSign } from "./signature";

describe("older EnOS API signature (enos.md §1b vectors)", () => {
  it("reproduces the documentation's example (SHA-1, not MD5)", () => {
    const q = new URLSearchParams({ accessKey: "accessKeyExample", orgId: "123", productKey: "12345", requestTimestamp: "1536560363020" });
    expect(legacyStringToSign("accessKeyExample", q, "", "secretKeyExample")).toBe(
      "accessKeyExampleorgId123productKey12345requestTimestamp1536560363020secretKeyExample",
    );
    expect(legacySign("accessKeyExample", q, "", "secretKeyExample")).toBe("4A6936C442CC34C5C42B9E06D97F2FA268B7E52F");
  });

  it("reproduces the contract's own vector, body included and sign/accessKey left out", () => {
    const q = new URLSearchParams(
      "timeout=30000&accessKey=ak-demo&requestId=req-0001&sign=WHATEVER&orgId=o15000000000001&requestTimestamp=1700000000000",
    );
    const body = '{"args":{"delay":5}}';
    expect(legacyStringToSign("ak-demo", q, body, "sk-demo")).toBe(
      'ak-demoorgIdo15000000000001requestIdreq-0001requestTimestamp1700000000000timeout30000{"args":{"delay":5}}sk-demo',
    );
    expect(legacySign("ak-demo", q, body, "sk-demo")).toBe("930F3413911E7EBD2D82839891D2CBF33FE6B92C");
  });

  it("signs decoded values", () => {
    const a = new URLSearchParams("callbackUrl=http%3A%2F%2Fh%2Fcb%3Fx%3D1&orgId=o1");
    const b = new URLSearchParams();
    b.set("callbackUrl", "http://h/cb?x=1");
    b.set("orgId", "o1");
    expect(legacySign("k", a, "", "s")).toBe(legacySign("k", b, "", "s"));
  });
});
