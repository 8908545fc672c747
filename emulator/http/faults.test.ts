import { describe, expect, it } from "vitest";
import { actionOf, FaultSpec, FaultTable } from "./faults";
import type { ApiRequest } from "./types";

function req(path: string, query = "", opts: { body?: string; headers?: Record<string, string> } = {}): ApiRequest {
  return { method: "POST", path, query: new URLSearchParams(query), headers: opts.headers ?? {}, body: opts.body ?? "", receivedAt: 0 };
}

describe("FaultTable", () => {
  it("gives the fault to the next `count` matching requests, then drops it", () => {
    const t = new FaultTable();
    t.arm(FaultSpec.parse({ mode: "http500", count: 2, action: "invokeService", contains: "pump-007" }));
    expect(t.take(req("/connect-service/v2.1/commands", "action=invokeService&deviceKey=pump-001"))).toBeUndefined();
    expect(t.take(req("/connect-service/v2.1/commands", "action=get&deviceKey=pump-007"))).toBeUndefined();
    expect(t.take(req("/connect-service/v2.1/commands", "action=invokeService&deviceKey=pump-007"))).toMatchObject({ mode: "http500", hits: 1 });
    expect(t.list()).toHaveLength(1);
    expect(t.take(req("/connect-service/v2.1/commands", "action=invokeService&deviceKey=pump-007"))).toMatchObject({ hits: 2 });
    expect(t.list()).toEqual([]);
  });

  it("matches a path prefix and text in the body; the first armed fault wins", () => {
    const t = new FaultTable();
    t.arm(FaultSpec.parse({ mode: "hang", path: "/dataService/" }));
    t.arm(FaultSpec.parse({ mode: "close", contains: "lampIot" }));
    expect(t.take(req("/", "", { body: "IotId=lampIot1" }))?.mode).toBe("close");
    expect(t.take(req("/dataService/products/p/devices/d/services/s/invoke"))?.mode).toBe("hang");
  });

  it("refuses unknown modes and defaults count to 1, before the platform acts", () => {
    expect(FaultSpec.safeParse({ mode: "explode" }).success).toBe(false);
    expect(FaultSpec.parse({ mode: "close" })).toMatchObject({ count: 1, after: false });
  });
});

describe("actionOf", () => {
  it("reads EnOS ?action=, Alibaba Action from the query, the form body or x-acs-action", () => {
    expect(actionOf(req("/x", "action=invokeService"))).toBe("invokeService");
    expect(actionOf(req("/", "Action=InvokeThingService"))).toBe("InvokeThingService");
    expect(actionOf(req("/", "", { headers: { "x-acs-action": "QueryDevice" } }))).toBe("QueryDevice");
    expect(actionOf(req("/", "", { body: "Action=GetThingModelTsl", headers: { "content-type": "application/x-www-form-urlencoded" } }))).toBe("GetThingModelTsl");
  });
});
