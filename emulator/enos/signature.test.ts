import { describe, expect, it } from "vitest";
import { apimSignature, paramsData, sameDigest, tokenEncryption } from "./signature";

// Vectors from the EnOS reference notes (computed there with Node crypto).
const APP_KEY = "a1b2c3d4-0000-4000-8000-000000000001";
const APP_SECRET = "s3cr3t-0000-4000-8000-000000000002";

describe("token encryption", () => {
  it("matches the published vector", () => {
    expect(tokenEncryption(APP_KEY, "1700000000000", APP_SECRET)).toBe(
      "bb316b9106548eed32901ab4e76f2a5e2a1f89d7deb7fe75f5e9cde365277e4f",
    );
  });
});

describe("apim-signature", () => {
  it("signs a POST invokeService with its raw body", () => {
    const query = new URLSearchParams(
      "action=invokeService&orgId=o15000000000001&productKey=pk01&deviceKey=dk01&serviceId=reboot&pendingTtl=0&timeout=30",
    );
    const body = '{"inputData":{"delay":5}}';
    expect(paramsData(query, body)).toBe(
      'actioninvokeServicedeviceKeydk01orgIdo15000000000001pendingTtl0productKeypk01serviceIdreboottimeout30{"inputData":{"delay":5}}',
    );
    expect(apimSignature("tok-123abc", query, body, "1700000000123", APP_SECRET)).toBe(
      "18368d62b1cc42990a89f42c039c945300667a464c62d035135854b5d3d5d78e",
    );
  });

  it("signs a GET without a body", () => {
    const query = new URLSearchParams(
      "action=get&orgId=o15000000000001&productKey=pk01&deviceKey=dk01&commandId=2078724684846989312",
    );
    expect(paramsData(query, "")).toBe(
      "actiongetcommandId2078724684846989312deviceKeydk01orgIdo15000000000001productKeypk01",
    );
    expect(apimSignature("tok-123abc", query, "", "1700000000123", APP_SECRET)).toBe(
      "ac6cc759d5a23b91442e290d755c57bfd360ffb2e52e90b3d0fe7fbfbb08965e",
    );
  });

  it("uses decoded values and byte order of names (upper case before lower case)", () => {
    const query = new URLSearchParams("b=x%20y&B=1&a=%E6%B0%B4");
    expect(paramsData(query, "")).toBe("B1a水bx y");
  });

  it("signs the body exactly as sent: whitespace changes the signature", () => {
    const q = new URLSearchParams("action=get");
    expect(apimSignature("t", q, '{"a":1}', "1", "s")).not.toBe(apimSignature("t", q, '{ "a": 1 }', "1", "s"));
  });
});

describe("sameDigest", () => {
  it("compares strings of any length", () => {
    expect(sameDigest("abc", "abc")).toBe(true);
    expect(sameDigest("abc", "abd")).toBe(false);
    expect(sameDigest("abc", "ab")).toBe(false);
  });
});
