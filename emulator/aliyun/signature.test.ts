// The published and contract test vectors (aliyun.md §2.4) against the emulator's verifier.
import { describe, expect, it } from "vitest";
import {
  parseAuthorization,
  percentEncode,
  sha256Hex,
  v1CanonicalQuery,
  v1Signature,
  v3CanonicalRequest,
  v3Signature,
  type ParamList,
} from "./signature";

const ARGS = '{"temp":10.0,"mode":"auto*"}';
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const ownV1: ParamList = [
  ["AccessKeyId", "testid"],
  ["Action", "InvokeThingService"],
  ["Args", ARGS],
  ["DeviceName", "light 1"],
  ["Format", "JSON"],
  ["Identifier", "testFb:SetMode"],
  ["IotInstanceId", "iot-cn-test01"],
  ["ProductKey", "a1BwAGVtest"],
  ["RegionId", "cn-shanghai"],
  ["SignatureMethod", "HMAC-SHA1"],
  ["SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"],
  ["SignatureVersion", "1.0"],
  ["Timestamp", "2024-01-02T03:04:05Z"],
  ["Version", "2018-01-20"],
];

describe("percentEncode", () => {
  it("keeps only unreserved characters", () => {
    expect(percentEncode("a b*c~d!'()+/:")).toBe("a%20b%2Ac~d%21%27%28%29%2B%2F%3A");
    expect(percentEncode("灯")).toBe("%E7%81%AF");
  });
});

describe("V1 HMAC-SHA1", () => {
  it("reproduces the published vector", () => {
    const params: ParamList = [
      ["AccessKeyId", "testid"],
      ["Action", "Pub"],
      ["Format", "XML"],
      ["MessageContent", "aGVsbG93b3JsZA="],
      ["ProductKey", "12345abcdeZ"],
      ["Qos", "0"],
      ["RegionId", "cn-shanghai"],
      ["ServiceCode", "iot"],
      ["SignatureMethod", "HMAC-SHA1"],
      ["SignatureNonce", "0715a395-aedf-4a41-bab7-746b43d38d88"],
      ["SignatureVersion", "1.0"],
      ["Timestamp", "2017-10-02T09:39:41Z"],
      ["TopicFullName", "/productKey/testdevice/get"],
      ["Version", "2017-04-20"],
    ];
    expect(v1Signature("GET", params, "testsecret")).toBe("Y9eWn4nF8QPh3c4zAFkM/k/u7eA=");
  });

  it("reproduces the contract's own vector for POST and GET, whatever the parameter order", () => {
    expect(v1CanonicalQuery([...ownV1].reverse())).toBe(
      "AccessKeyId=testid&Action=InvokeThingService&Args=%7B%22temp%22%3A10.0%2C%22mode%22%3A%22auto%2A%22%7D&DeviceName=light%201&Format=JSON&Identifier=testFb%3ASetMode&IotInstanceId=iot-cn-test01&ProductKey=a1BwAGVtest&RegionId=cn-shanghai&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2024-01-02T03%3A04%3A05Z&Version=2018-01-20",
    );
    expect(v1Signature("POST", ownV1, "testsecret")).toBe("oC+8ev3GMsEqiCHzvcRn6Rw8yP0=");
    expect(v1Signature("GET", ownV1, "testsecret")).toBe("xq3Vd5hMw2yqpCS5kqeE1657bks=");
  });

  it("changes with any tampered value or the wrong secret", () => {
    const tampered = ownV1.map(([k, v]) => [k, k === "Args" ? v.replace("10.0", "10") : v] as const);
    expect(v1Signature("POST", tampered, "testsecret")).not.toBe("oC+8ev3GMsEqiCHzvcRn6Rw8yP0=");
    expect(v1Signature("POST", ownV1, "testsecret2")).not.toBe("oC+8ev3GMsEqiCHzvcRn6Rw8yP0=");
  });
});

describe("V3 ACS3-HMAC-SHA256", () => {
  const input = {
    method: "POST",
    query: [
      ["Args", ARGS],
      ["DeviceName", "light 1"],
      ["Identifier", "testFb:SetMode"],
      ["IotInstanceId", "iot-cn-test01"],
      ["ProductKey", "a1BwAGVtest"],
    ] as ParamList,
    headers: {
      host: "iot.cn-shanghai.aliyuncs.com",
      "x-acs-action": "InvokeThingService",
      "x-acs-version": "2018-01-20",
      "x-acs-date": "2024-01-02T03:04:05Z",
      "x-acs-signature-nonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
      "x-acs-content-sha256": EMPTY_SHA256,
      "user-agent": "not signed",
    },
    signedHeaders: ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"],
    hashedPayload: EMPTY_SHA256,
  };

  it("reproduces the contract's vector", () => {
    expect(sha256Hex("")).toBe(EMPTY_SHA256);
    expect(sha256Hex(v3CanonicalRequest(input))).toBe("467bb13ae3194526053178e1d6f8eb377f6a5e7169b5d7845dd783c22fe4608b");
    expect(v3Signature(input, "testsecret")).toBe("f29d916cf375ba210ed61bf801cedc81103180aa4415ff978dbdcab90ba9ee86");
  });

  it("changes when a signed header or the query is tampered with", () => {
    const good = v3Signature(input, "testsecret");
    expect(v3Signature({ ...input, headers: { ...input.headers, host: "iot.cn-shanghai.aliyuncs.com:8080" } }, "testsecret")).not.toBe(good);
    expect(v3Signature({ ...input, query: [...input.query, ["Extra", "1"]] }, "testsecret")).not.toBe(good);
    expect(v3Signature({ ...input, headers: { ...input.headers, "user-agent": "changed" } }, "testsecret")).toBe(good);
  });

  it("parses the Authorization header", () => {
    expect(parseAuthorization("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-date,Signature=abc")).toEqual({
      accessKeyId: "testid",
      signedHeaders: ["host", "x-acs-date"],
      signature: "abc",
    });
    expect(parseAuthorization("ACS3-HMAC-SHA256 Credential=testid")).toBeNull();
    expect(parseAuthorization("HMAC-SHA1 Credential=a,SignedHeaders=b,Signature=c")).toBeNull();
  });
});
