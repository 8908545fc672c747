import { describe, expect, it } from "vitest";
import { checkPendingTtl, checkTimeout } from "../platforms/limits";
import { checkReason } from "../invocations/dangerous";
import { INPUT_LIMITS, inputShapeIssues } from "../invocations/input-guard";
import { deviceListIssues } from "../invocations/batch";
import { validateInput } from "../thing-model/validate";
import { InputValidationError } from "../invocations/types";
import { localizeIssueMessage, localizeIssues } from "./issue-messages";

/** The messages the server's checks write, produced by the code that writes them where it is reachable. */
function producedMessages(): string[] {
  const out: string[] = [];
  out.push(checkTimeout("enos", 0)!, checkTimeout("enos-legacy", 0)!, checkTimeout("aliyun", 999_999)!, checkPendingTtl(-1)!);
  for (const reason of [undefined, "no"]) {
    try {
      checkReason(reason, true);
    } catch (e) {
      out.push(...(e as InputValidationError).issues.map((i) => i.message));
    }
  }
  const proto = JSON.parse('{"__proto__": 1}') as unknown;
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  for (const input of [proto, { a: Number.NaN }, { a: "x".repeat(INPUT_LIMITS.stringLength + 1) }, { a: "\ud800" }, { a: () => 1 }, new Map()]) {
    out.push(...inputShapeIssues(input).map((i) => i.message));
  }
  out.push(...inputShapeIssues(Array.from({ length: INPUT_LIMITS.nodes + 1 }, () => 1)).map((i) => i.message));
  let deep: unknown = 1;
  for (let i = 0; i <= INPUT_LIMITS.depth; i++) deep = [deep];
  out.push(...inputShapeIssues({ deep }).map((i) => i.message));
  out.push(...deviceListIssues([]).map((i) => i.message), ...deviceListIssues(Array.from({ length: 101 }, (_, i) => `d${i}`)).map((i) => i.message));
  out.push(...deviceListIssues(["a", "a"]).map((i) => i.message));
  const spec = { identifier: "s", name: { defaultValue: "s" }, callType: "sync" as const, inputs: [], outputs: [] };
  const bad = validateInput(spec as never, 5);
  if (!bad.ok) out.push(...bad.issues.map((i) => i.message));
  // written inside the use cases (not reachable without a platform): kept here verbatim
  out.push(
    "the device pump-001 has no service “nope”",
    "product a1Lamp has no service “nope”",
    "was already used; send a new one for a new request",
    "setMode is a sync service; a batch can only call async services (Alibaba InvokeThingsService)",
    "lamp-9, lamp-8 are not of product a1Lamp",
    "connection “Demo EnOS” cannot invoke a batch: batches are sent with Alibaba Cloud IoT's InvokeThingsService",
  );
  return out;
}

describe("server-side field messages in Chinese", () => {
  it("has a translation for every message the checks write", () => {
    const messages = producedMessages();
    expect(messages.length).toBeGreaterThan(20);
    const untranslated = messages.filter((m) => localizeIssueMessage(m, "zh-CN") === m);
    expect(untranslated).toEqual([]);
    for (const m of messages) expect(localizeIssueMessage(m, "zh-CN")).toMatch(/[\u4e00-\u9fff]/);
  });

  it("keeps the numbers and names of the English message", () => {
    expect(localizeIssueMessage(checkTimeout("enos", 0)!, "zh-CN")).toBe("必须是 1 到 60 之间的整数秒");
    expect(localizeIssueMessage("the device pump-001 has no service “nope”", "zh-CN")).toBe("设备 pump-001 没有服务“nope”");
    expect(localizeIssueMessage(checkPendingTtl(-1)!, "zh-CN")).toContain("172800");
  });

  it("leaves English, and messages it does not know, as they are", () => {
    expect(localizeIssueMessage("must be a finite number", "en-US")).toBe("must be a finite number");
    expect(localizeIssueMessage("something new", "zh-CN")).toBe("something new");
    expect(localizeIssues([{ path: "a.b", message: "must be a finite number" }], "zh-CN")).toEqual([{ path: "a.b", message: "必须是有限数值" }]);
  });
});
