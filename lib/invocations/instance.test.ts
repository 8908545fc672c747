import { describe, expect, it, vi } from "vitest";

describe("instanceId", () => {
  it("is one per process, however many times the module is instantiated (Next.js bundles it into several graphs)", async () => {
    const first = (await import("./instance")).instanceId;
    vi.resetModules();
    const second = (await import("./instance")).instanceId;
    expect(second).toBe(first);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
  });
});
