import { describe, expect, it } from "vitest";
import type { Behaviour } from "../devices";
import { defaultFor, enosDeviceProtocol, replyData } from "./device-protocol";
import { compileParam } from "./thing-model";

const service = {
  identifier: "setMode",
  inputs: [compileParam({ identifier: "speed", dataType: "FLOAT" }, "i")],
  outputs: [
    compileParam({ identifier: "speed", dataType: "FLOAT" }, "o"),
    compileParam({ identifier: "mode", dataType: "ENUM", dataDefinition: { enumType: "INT", enumDesc: { "1": {}, "2": {} } } }, "o"),
    compileParam({ identifier: "kind", dataType: "ENUM", dataDefinition: { enumType: "STRING", enumDesc: { a: {} } } }, "o"),
    compileParam({ identifier: "on", dataType: "BOOL", dataDefinition: { defaultValue: true } }, "o"),
    compileParam({ identifier: "n", dataType: "INT" }, "o"),
    compileParam({ identifier: "s", dataType: "STRING" }, "o"),
    compileParam({ identifier: "d", dataType: "DATE" }, "o"),
    compileParam({ identifier: "list", dataType: "ARRAY", dataDefinition: { itemType: "INT" } }, "o"),
    compileParam({ identifier: "box", dataType: "STRUCT", dataDefinition: { items: [{ identifier: "w", dataType: "DOUBLE" }] } }, "o"),
  ],
};

describe("replyData", () => {
  it("echoes same-named inputs and fills valid defaults", () => {
    expect(replyData(service, { speed: 12.5, n: "not an int" })).toEqual({
      speed: 12.5, mode: 1, kind: "a", on: true, n: 0, s: "", d: "1970-01-01", list: [], box: { w: 0 },
    });
  });

  it("gives 0 for numbers", () => {
    expect(defaultFor(compileParam({ identifier: "x", dataType: "TIMESTAMP" }, "x"))).toBe(0);
  });
});

describe("EnOS device protocol", () => {
  const behaviour: Behaviour = { online: true, activated: true, latencyMs: 7, fail: null, neverReply: [] };
  const protocol = enosDeviceProtocol({
    productKey: "pk",
    deviceKey: "dk",
    secret: "s",
    services: new Map([["setMode", service]]),
    behaviour: () => behaviour,
  });
  const request = (id: string, params: unknown) => Buffer.from(JSON.stringify({ id, version: "1.0", method: "thing.service.setMode", params }));

  it("subscribes to its service topics and replies on <topic>_reply after the latency", () => {
    expect(protocol.subscriptions).toEqual(["/sys/pk/dk/thing/service/#"]);
    const plan = protocol.answer("/sys/pk/dk/thing/service/setMode", request("42", { speed: 1.5 }));
    expect(plan?.topic).toBe("/sys/pk/dk/thing/service/setMode_reply");
    expect(plan?.delayMs).toBe(7);
    expect(JSON.parse(plan?.payload ?? "")).toMatchObject({ id: "42", code: 200, data: { speed: 1.5 } });
  });

  it("ignores its own replies, nested topics and bad JSON", () => {
    expect(protocol.answer("/sys/pk/dk/thing/service/setMode_reply", request("1", {}))).toBeNull();
    expect(protocol.answer("/sys/pk/dk/thing/service/measurepoint/set", request("1", {}))).toBeNull();
    expect(protocol.answer("/sys/pk/dk/thing/service/setMode", Buffer.from("{"))).toBeNull();
  });

  it("fails, stays silent or reports no handler as told", () => {
    behaviour.fail = { setMode: { code: 2001, message: "jammed" } };
    expect(JSON.parse(protocol.answer("/sys/pk/dk/thing/service/setMode", request("2", {}))?.payload ?? "")).toEqual({
      id: "2", code: 2001, message: "jammed", data: null,
    });
    behaviour.neverReply = ["setMode"];
    expect(protocol.answer("/sys/pk/dk/thing/service/setMode", request("3", {}))).toBeNull();
    expect(JSON.parse(protocol.answer("/sys/pk/dk/thing/service/other", request("4", {}))?.payload ?? "")).toMatchObject({
      code: 1101,
    });
  });
});
