import { describe, expect, it } from "vitest";
import { apimParamsData, apimSignature, tokenEncryption } from "./signature";

// Vectors from the EnOS reference (computed independently with Node crypto).
const appKey = "a1b2c3d4-0000-4000-8000-000000000001";
const appSecret = "s3cr3t-0000-4000-8000-000000000002";

describe("tokenEncryption", () => {
  it("reproduces the token vector", () => {
    expect(tokenEncryption(appKey, 1700000000000, appSecret)).toBe(
      "bb316b9106548eed32901ab4e76f2a5e2a1f89d7deb7fe75f5e9cde365277e4f",
    );
  });

  it("treats a string timestamp like the number", () => {
    expect(tokenEncryption(appKey, "1700000000000", appSecret)).toBe(tokenEncryption(appKey, 1700000000000, appSecret));
  });
});

describe("apimSignature", () => {
  const invokeQuery =
    "action=invokeService&orgId=o15000000000001&productKey=pk01&deviceKey=dk01&serviceId=reboot&pendingTtl=0&timeout=30";
  const invokeBody = '{"inputData":{"delay":5}}';

  it("reproduces the POST invokeService vector", () => {
    const query = new URLSearchParams(invokeQuery);
    expect(apimParamsData(query, invokeBody)).toBe(
      'actioninvokeServicedeviceKeydk01orgIdo15000000000001pendingTtl0productKeypk01serviceIdreboottimeout30{"inputData":{"delay":5}}',
    );
    const signature = apimSignature({ accessToken: "tok-123abc", query, body: invokeBody, timestamp: 1700000000123, appSecret });
    expect(signature).toBe("18368d62b1cc42990a89f42c039c945300667a464c62d035135854b5d3d5d78e");
  });

  it("reproduces the GET vector (no body)", () => {
    const query = {
      action: "get",
      orgId: "o15000000000001",
      productKey: "pk01",
      deviceKey: "dk01",
      commandId: "2078724684846989312",
    };
    expect(apimParamsData(query)).toBe(
      "actiongetcommandId2078724684846989312deviceKeydk01orgIdo15000000000001productKeypk01",
    );
    expect(apimSignature({ accessToken: "tok-123abc", query, timestamp: "1700000000123", appSecret })).toBe(
      "ac6cc759d5a23b91442e290d755c57bfd360ffb2e52e90b3d0fe7fbfbb08965e",
    );
  });

  it("signs decoded values and is independent of query order", () => {
    const a = new URLSearchParams("b=x%20y&a=%E4%B8%AD");
    const b = { a: "中", b: "x y" };
    expect(apimParamsData(a)).toBe("a中bx y");
    expect(apimSignature({ accessToken: "t", query: a, timestamp: 1, appSecret: "s" })).toBe(
      apimSignature({ accessToken: "t", query: b, timestamp: 1, appSecret: "s" }),
    );
  });

  it("sorts names by byte order (uppercase before lowercase)", () => {
    expect(apimParamsData({ b: "1", B: "2", a: "3" })).toBe("B2a3b1");
  });
});
