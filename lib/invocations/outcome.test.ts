import { describe, expect, it } from "vitest";
import { PlatformError } from "../platforms/types";
import { outcomeFromError } from "./outcome";

const conn = { name: "Demo EnOS" };

describe("outcomeFromError", () => {
  it("fails a call the platform refused before any device saw it", () => {
    const o = outcomeFromError(new PlatformError("auth", "EnOS rejected the credentials", { code: "1003" }), conn);
    expect(o).toMatchObject({ status: "FAILED", platformCode: "1003", message: "EnOS rejected the credentials" });
  });

  it("fails a call that provably never left (connection refused)", () => {
    const o = outcomeFromError(new PlatformError("network", "Could not connect", { notSent: true }), conn);
    expect(o.status).toBe("FAILED");
  });

  it("marks a call whose fate is unknown as INTERRUPTED and says the device may have acted", () => {
    const o = outcomeFromError(new PlatformError("network", "Socket hung up.", { notSent: false }), conn);
    expect(o.status).toBe("INTERRUPTED");
    expect(o.message).toMatch(/may have reached the device/);
  });

  it("says once that the request may have arrived, as a full sentence", () => {
    const hang = outcomeFromError(new PlatformError("network", "EnOS did not answer within 6 s (POST /x). The request may have reached the platform."), conn);
    expect(hang.message).toBe("EnOS did not answer within 6 s (POST /x). The request may have reached the device; check it before invoking again.");
    const bare = outcomeFromError(new PlatformError("platform", 'EnOS failed with HTTP 500: {"message":"An unexpected error occurred"}'), conn);
    expect(bare.message).toBe('EnOS failed with HTTP 500: {"message":"An unexpected error occurred"}. The request may have reached the device; check it before invoking again.');
  });

  it("marks a platform 5xx during a call as INTERRUPTED: the gateway may have passed it on", () => {
    const o = outcomeFromError(new PlatformError("platform", "EnOS answered HTTP 502."), conn);
    expect(o.status).toBe("INTERRUPTED");
  });

  it("treats an unexpected error as INTERRUPTED naming the connection", () => {
    const o = outcomeFromError(new TypeError("boom"), conn);
    expect(o.status).toBe("INTERRUPTED");
    expect(o.message).toContain("Demo EnOS");
  });
});
