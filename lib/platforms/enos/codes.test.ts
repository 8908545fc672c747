import { describe, expect, it } from "vitest";
import {
  CODE_RULES,
  codeFix,
  describeCode,
  describeCommandState,
  ENOS_COMMAND_STATES,
  mapCommandState,
  mapInvokeCode,
  mapLegacyStatus,
  MESSAGES_EN,
  type CodeFamily,
} from "./codes";

describe("mapInvokeCode", () => {
  it("maps 0 to SUCCEEDED for instant commands and QUEUED for cached ones", () => {
    expect(mapInvokeCode(0, "Success")).toEqual({ status: "SUCCEEDED", delivery: "replied" });
    const queued = mapInvokeCode(0, "Success", { commandId: "207", pendingTtlS: 600 });
    expect(queued.status).toBe("QUEUED");
    expect(queued.message).toContain("207");
  });

  it.each([
    [11900, "FAILED", "The device is offline, so the instant command could not be sent (EnOS 11900). Bring the device online or send it as a cached command."],
    [11888, "FAILED", "not activated"],
    [11904, "TIMED_OUT", "before the timeout (EnOS 11904)"],
    [11915, "TIMED_OUT", "did not answer within the timeout (EnOS 11915)"],
    [11902, "FAILED", "queue of cached commands is full (EnOS 11902)"],
    [11810, "FAILED", "custom data format (EnOS 11810: codec failed)"],
    [99400, "FAILED", "invalid (EnOS 99400: codec failed)"],
    [99403, "FAILED", "(EnOS 99403: codec failed)"],
    [99404, "FAILED", "could not find the device or service (EnOS 99404: codec failed)"],
    [99500, "FAILED", "internal error (EnOS 99500: codec failed)"],
  ] as const)("maps %i to %s", (code, status, fragment) => {
    const mapped = mapInvokeCode(code, "codec failed", { commandId: "1" });
    expect(mapped.status).toBe(status);
    expect(mapped.message).toContain(fragment);
  });

  it("says how far the command got", () => {
    expect(mapInvokeCode(11915, null, { commandId: "1" }).delivery).toBe("sent");
    expect(mapInvokeCode(11900, null).delivery).toBeUndefined();
    expect(mapInvokeCode(0, null, { commandId: "1", pendingTtlS: 60 }).delivery).toBeUndefined();
  });

  it("keeps the platform message of 99400", () => {
    expect(mapInvokeCode(99400, "Invalid Argument timeout").message).toBe(
      "EnOS rejected the request as invalid (EnOS 99400: Invalid Argument timeout).",
    );
  });

  it("reads an unknown code with a commandId as a device error", () => {
    expect(mapInvokeCode(2001, "motor jammed", { commandId: "2078724684846989312" })).toEqual({
      status: "FAILED",
      message: "The device answered with error 2001: motor jammed",
      delivery: "replied",
    });
  });

  it("reads an unknown code without a commandId as a platform refusal", () => {
    expect(mapInvokeCode(12345, null)).toEqual({ status: "FAILED", message: "EnOS refused the command (EnOS 12345)." });
  });
});

describe("command states", () => {
  it.each([
    [1, "QUEUED"],
    [2, "CANCELED"],
    [3, "EXPIRED"],
    [4, "SENT"],
    [5, "SUCCEEDED"],
    [6, "FAILED"],
    [7, "TIMED_OUT"],
  ] as const)("state %i -> %s", (state, status) => {
    expect(mapCommandState(state)).toBe(status);
    expect(ENOS_COMMAND_STATES[state]?.name).toBeTruthy();
  });

  it("returns undefined for an unknown state", () => {
    expect(mapCommandState(8)).toBeUndefined();
  });
});

// Every code enos.md lists, with the status it must map to.
const EVERY_CODE: [CodeFamily, number, string][] = [
  ["api", 11900, "FAILED"],
  ["api", 11888, "FAILED"],
  ["api", 11904, "TIMED_OUT"],
  ["api", 11915, "TIMED_OUT"],
  ["api", 11902, "FAILED"],
  ["api", 11810, "FAILED"],
  ["api", 11611, "FAILED"],
  ["api", 99400, "FAILED"],
  ["api", 99403, "FAILED"],
  ["api", 99404, "FAILED"],
  ["api", 99500, "FAILED"],
  ...[1001, 1002, 1003, 1004, 1005, 1202, 1203, 1204].map((c): [CodeFamily, number, string] => ["token", c, "FAILED"]),
  ...[400, 401, 403, 413, 429, 503, 1003, 1004, 1202, 1203].map((c): [CodeFamily, number, string] => ["gateway", c, "FAILED"]),
  ["gateway", 500, "INTERRUPTED"],
  ...[400, 401, 403, 404, 405, 409, 413, 414, 415, 429, 497, 498, 499, 500, 501, 503, 601, 602, 699].map(
    (c): [CodeFamily, number, string] => ["legacy", c, "FAILED"],
  ),
  ["legacy", 504, "TIMED_OUT"],
  ...[1000, 1000201, 1000204, 1000206, 1000207, 1000211, 9998, 9999].map((c): [CodeFamily, number, string] => ["legacy", c, "FAILED"]),
  ["legacy", 1000203, "TIMED_OUT"],
  ["state", 1, "QUEUED"],
  ["state", 2, "CANCELED"],
  ["state", 3, "EXPIRED"],
  ["state", 4, "SENT"],
  ["state", 5, "SUCCEEDED"],
  ["state", 6, "FAILED"],
  ["state", 7, "TIMED_OUT"],
];

describe("every EnOS code", () => {
  it.each(EVERY_CODE)("%s %i -> %s, with a message naming the code", (family, code, status) => {
    const mapped = describeCode(family, code, "platform text");
    expect(mapped?.status).toBe(status);
    expect(mapped?.message).toMatch(new RegExp(`^[A-Z].*\\(EnOS[^)]* ${code}(: platform text)?\\)\\.`));
  });

  it("has a message for every rule and a rule for every code message", () => {
    const codeKeys = Object.keys(MESSAGES_EN).filter((k) => !k.startsWith("invoke:"));
    expect(codeKeys.sort()).toEqual(Object.keys(CODE_RULES).sort());
  });

  it("knows nothing of undocumented codes", () => {
    expect(describeCode("api", 12345)).toBeUndefined();
    expect(describeCode("legacy", 700)).toBeUndefined();
  });

  it("says how far a timed-out command got", () => {
    expect(describeCode("legacy", 504)?.delivery).toBe("sent");
    expect(describeCode("api", 11904)?.delivery).toBeUndefined();
  });

  it("gives the token manager and client their fix sentences", () => {
    expect(codeFix("gateway", 1003)).toBe("The signature did not verify. Check the secret key.");
    expect(codeFix("token", 1003)).toBe("Check the access key and secret.");
    expect(codeFix("api", 1)).toBeUndefined();
  });
});

describe("command state messages", () => {
  it("names the state", () => {
    expect(describeCommandState(3)).toEqual({
      status: "EXPIRED",
      message:
        "The command's cache time ran out before the device could take it (EnOS command state 3: Expired). Bring the device online sooner or allow a longer cache time.",
    });
    expect(describeCommandState(9)).toBeUndefined();
  });
});

describe("mapLegacyStatus", () => {
  it("maps success, documented codes and device errors", () => {
    expect(mapLegacyStatus(0, "Success")).toEqual({ status: "SUCCEEDED", delivery: "replied" });
    expect(mapLegacyStatus(504, "Timeout")).toMatchObject({ status: "TIMED_OUT", delivery: "sent" });
    expect(mapLegacyStatus(2001, "motor jammed", { deviceReplied: true })).toEqual({
      status: "FAILED",
      message: "The device answered with error 2001: motor jammed",
      delivery: "replied",
    });
    expect(mapLegacyStatus(1000204, "Invoke Failed", { deviceReplied: true })?.message).toMatch(/^EnOS could not invoke the service/);
    expect(mapLegacyStatus(777, null)).toEqual({ status: "FAILED", message: "EnOS refused the command (EnOS 777)." });
  });
});
