import { describe, expect, it } from "vitest";
import { isThrottling, mapInvokeError } from "./codes";
import { parseDeviceReply, replyOutcome } from "./reply";

describe("parseDeviceReply (Data.Result / OutputData, shape unconfirmed)", () => {
  it("reads an object with a numeric code and data as the Alink reply", () => {
    expect(parseDeviceReply('{"code":200,"data":{"a":1.0},"id":"100686","message":"success","version":"1.0"}')).toEqual({
      kind: "alink",
      code: 200,
      data: { a: 1 },
      message: "success",
    });
    expect(parseDeviceReply('{"code":"460","data":null}')).toEqual({ kind: "alink", code: 460, data: null });
  });

  it("reads anything else as the output data itself", () => {
    expect(parseDeviceReply('{"param1":1}')).toEqual({ kind: "data", data: { param1: 1 } });
    expect(parseDeviceReply('{"code":200}')).toEqual({ kind: "data", data: { code: 200 } });
    expect(parseDeviceReply('{"code":"ok","data":1}')).toEqual({ kind: "data", data: { code: "ok", data: 1 } });
    expect(parseDeviceReply("[1,2]")).toEqual({ kind: "data", data: [1, 2] });
    expect(parseDeviceReply("plain text")).toEqual({ kind: "data", data: "plain text" });
  });

  it("maps the device's code: 200 succeeds, anything else fails with the device's words", () => {
    expect(replyOutcome({ kind: "alink", code: 200, data: { x: 1 } })).toEqual({ status: "SUCCEEDED", output: { x: 1 }, platformCode: "200" });
    expect(replyOutcome({ kind: "data", data: { x: 1 } })).toEqual({ status: "SUCCEEDED", output: { x: 1 } });
    expect(replyOutcome({ kind: "alink", code: 429, data: {}, message: "busy" })).toEqual({
      status: "FAILED",
      platformCode: "429",
      platformMessage: "busy",
      message: "The device answered with error 429: busy. The device is busy; try again later.",
    });
  });
});

describe("codes", () => {
  it("knows the throttling codes", () => {
    expect(["Throttling", "Throttling.User", "Throttling.Api", "iot.messagebroker.RateLimit"].every(isThrottling)).toBe(true);
    expect(isThrottling("iot.messagebroker.OFFLINE")).toBe(false);
    expect(isThrottling(undefined)).toBe(false);
  });

  it("words engineer-facing messages with the raw code kept", () => {
    expect(mapInvokeError("iot.messagebroker.OFFLINE", "The device is offline.")).toEqual({
      status: "FAILED",
      message: "The device is offline, so Alibaba Cloud could not deliver the call (iot.messagebroker.OFFLINE: The device is offline). Bring the device online and try again.",
    });
    expect(mapInvokeError("iot.messagebroker.TIMEOUT")).toMatchObject({ status: "TIMED_OUT", reachedDevice: true });
    expect(mapInvokeError("Throttling.User").message).toContain("rate limited by the platform");
  });
});
