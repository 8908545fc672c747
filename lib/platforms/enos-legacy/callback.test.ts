import { describe, expect, it } from "vitest";
import { callbackOutcome, callbackSignature, callbackUrl, isCallbackSignature } from "./callback";

const key = Buffer.alloc(32, 1);
const T = Date.UTC(2026, 10, 23, 8, 0, 0);
const info = (over: Record<string, unknown> = {}) => ({
  requestId: "r-1",
  messageId: "12345",
  callType: "ASYNC",
  controlChannelId: "DATASVC.CONTROL.o1",
  status: 0,
  msg: "Success",
  submsg: null,
  outputData: { result: "ok" },
  gmtServiceRequest: T,
  gmtServiceReply: T + 5,
  gmtDeviceReply: T + 40,
  ...over,
});

describe("older EnOS API callbacks", () => {
  it("signs the address per request id, and only that signature passes", () => {
    const url = new URL(callbackUrl("https://console.example.com/base/", key, "r 1/2"));
    expect(url.pathname).toBe("/api/callbacks/enos-legacy/r%201%2F2");
    const sig = url.searchParams.get("sig");
    expect(isCallbackSignature(key, "r 1/2", sig)).toBe(true);
    expect(isCallbackSignature(key, "r 1/3", sig)).toBe(false);
    expect(isCallbackSignature(Buffer.alloc(32, 2), "r 1/2", sig)).toBe(false);
    expect(isCallbackSignature(key, "r 1/2", null)).toBe(false);
    expect(isCallbackSignature(key, "r 1/2", `${sig}x`)).toBe(false);
    expect(callbackSignature(key, "a")).not.toBe(callbackSignature(key, "b"));
  });

  it("maps a delivered result like a synchronous reply: output, device error, device timeout", () => {
    const received = new Date(T + 100);
    expect(callbackOutcome(info(), received)).toMatchObject({
      status: "SUCCEEDED",
      output: { result: "ok" },
      platformRequestId: "r-1",
      deviceRepliedAt: new Date(T + 40),
    });
    const failed = callbackOutcome(info({ status: 1000204, msg: "Invoke Failed", outputData: null, gmtDeviceReply: -1 }), received);
    expect(failed.status).toBe("FAILED");
    expect(failed.platformCode).toBe("1000204");
    expect(callbackOutcome(info({ status: 1000203, msg: "timeout", outputData: null, gmtDeviceReply: -1 }), received).status).toBe("TIMED_OUT");
  });
});
