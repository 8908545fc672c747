import { describe, expect, it } from "vitest";
import { apiLocale, localizeApiMessage } from "./messages";

describe("API error messages by Accept-Language", () => {
  it("follows Accept-Language, English by default", () => {
    expect(apiLocale(new Request("http://x/", { headers: { "accept-language": "zh-CN,zh;q=0.9" } }))).toBe("zh-CN");
    expect(apiLocale(new Request("http://x/"))).toBe("en-US");
  });

  it("translates the API's own messages and keeps others as written", () => {
    expect(localizeApiMessage("No invocation with id abc.", "zh-CN")).toBe("没有 ID 为 abc 的调用记录。");
    expect(localizeApiMessage("The body is limited to 64 KiB.", "zh-CN")).toBe("请求体不能超过 64 KiB。");
    expect(localizeApiMessage("EnOS said no", "zh-CN")).toBe("EnOS said no");
    expect(localizeApiMessage("The body is not valid JSON.", "en-US")).toBe("The body is not valid JSON.");
  });
});
