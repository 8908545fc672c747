import { describe, expect, it } from "vitest";
import { describeCode, mapInvokeCode, MESSAGES_EN, MESSAGES_ZH } from "./enos/codes";
import { mapInvokeError } from "./aliyun/codes";
import { localizeOutcomeMessage } from "./localize";

describe("localizeOutcomeMessage", () => {
  it("the zh-CN table has exactly MESSAGES_EN's keys", () => {
    expect(Object.keys(MESSAGES_ZH).sort()).toEqual(Object.keys(MESSAGES_EN).sort());
  });

  it("renders a stored EnOS message in Chinese from its code, keeping the code", () => {
    const message = mapInvokeCode(11900, "device offline").message!;
    const zh = localizeOutcomeMessage({ platform: "enos", platformCode: "11900", platformMessage: "device offline", message }, "zh-CN");
    expect(zh).toBe("设备离线，无法发送即时指令（EnOS 11900）。请让设备上线，或改用缓存指令发送。");
    expect(localizeOutcomeMessage({ platform: "enos", platformCode: "11900", platformMessage: null, message }, "en-US")).toBe(message);
  });

  it("renders gateway and legacy codes", () => {
    const gw = describeCode("gateway", 429, "too many")!.message!;
    expect(localizeOutcomeMessage({ platform: "enos", platformCode: "429", platformMessage: "too many", message: gw }, "zh-CN")).toContain("限流");
  });

  it("renders Alibaba codes, with the raw code", () => {
    const message = mapInvokeError("iot.messagebroker.OFFLINE", "device offline").message;
    const zh = localizeOutcomeMessage({ platform: "aliyun", platformCode: "iot.messagebroker.OFFLINE", platformMessage: "device offline", message }, "zh-CN");
    expect(zh).toContain("设备离线");
    expect(zh).toContain("iot.messagebroker.OFFLINE");
  });

  it("leaves text it cannot rebuild as stored", () => {
    const o = { platform: "enos", platformCode: "11900", platformMessage: null, message: "something the platform wrote" };
    expect(localizeOutcomeMessage(o, "zh-CN")).toBe("something the platform wrote");
  });
});
