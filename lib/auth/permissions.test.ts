import { describe, expect, it } from "vitest";
import { accessFrom, authorize, can, canReachConnection, canReachProduct, ForbiddenError, grantFits, productsOn } from "./permissions";

describe("role capabilities", () => {
  it("lets managers read and export history but not invoke", () => {
    expect(can({ role: "manager" }, "history:export")).toBe(true);
    expect(can({ role: "manager" }, "invoke")).toBe(false);
    expect(() => authorize({ role: "manager" }, "invoke")).toThrow(ForbiddenError);
  });
  it("keeps connection and user management to admins", () => {
    for (const role of ["engineer", "manager", "product"] as const) {
      expect(can({ role }, "connections:manage")).toBe(false);
      expect(can({ role }, "users:manage")).toBe(false);
    }
    expect(can({ role: "admin" }, "connections:manage")).toBe(true);
  });
});

describe("grants", () => {
  const A = "11111111-1111-1111-1111-111111111111";
  const B = "22222222-2222-2222-2222-222222222222";
  const grants = [
    { connectionId: A, productKey: null },
    { connectionId: B, productKey: "pump" },
    { connectionId: B, productKey: "lamp" },
  ];

  it("gives admins everything and managers no device", () => {
    expect(canReachProduct(accessFrom("admin", []), A, "x")).toBe(true);
    const manager = accessFrom("manager", grants);
    expect(canReachConnection(manager, A) || canReachConnection(manager, B)).toBe(false);
  });

  it("gives engineers whole connections and ignores product grants", () => {
    const engineer = accessFrom("engineer", grants);
    expect(canReachProduct(engineer, A, "anything")).toBe(true);
    expect(canReachConnection(engineer, B)).toBe(false);
    expect(productsOn(engineer, A)).toBe("all");
  });

  it("gives product users only their products and never a whole connection", () => {
    const product = accessFrom("product", grants);
    expect(canReachConnection(product, A)).toBe(false);
    expect(productsOn(product, B)).toEqual(["lamp", "pump"]);
    expect(canReachProduct(product, B, "pump")).toBe(true);
    expect(canReachProduct(product, B, "other")).toBe(false);
  });

  it("says which grants fit a role", () => {
    expect(grantFits("engineer", { connectionId: A, productKey: null })).toBe(true);
    expect(grantFits("engineer", { connectionId: A, productKey: "p" })).toBe(false);
    expect(grantFits("product", { connectionId: A, productKey: null })).toBe(false);
    expect(grantFits("manager", { connectionId: A, productKey: null })).toBe(false);
  });

  it("keeps dangerous-service settings to admins", () => {
    for (const role of ["engineer", "manager", "product"] as const) expect(can({ role }, "services:configure")).toBe(false);
    expect(can({ role: "admin" }, "services:configure")).toBe(true);
  });
});
