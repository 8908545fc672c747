// The security properties that need the real server: pages per role, server actions refusing a
// foreign Origin, a sample of the invoke fuzzing over HTTP, sign-in limits, "sign out everywhere"
// and the confirmation of dangerous services.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, emulatorRequests, lastSeq, login, openDevice } from "./support";
import { captureAction, demoConnectionId, encodeActionArgs, openService, signedIn, withDb, type DemoRole } from "./security-support";

test.describe("pages per role", () => {
  const cases: [DemoRole, string, "page" | "not-allowed" | "history"][] = [
    ["admin", "/admin/users", "page"],
    ["admin", "/admin/connections", "page"],
    ["engineer", "/admin/users", "not-allowed"],
    ["engineer", "/admin/connections/new", "not-allowed"],
    ["product", "/admin/users", "not-allowed"],
    ["manager", "/admin/connections", "not-allowed"],
    ["manager", "/connections", "history"],
  ];

  test("admin pages are for admins; managers start at the history", async ({ browser }) => {
    for (const role of ["admin", "engineer", "product", "manager"] as const) {
      const { context, page } = await signedIn(browser, role);
      for (const [, path, shows] of cases.filter(([r]) => r === role)) {
        await page.goto(path);
        if (shows === "not-allowed") await expect(page.getByTestId("not-allowed"), `${role} ${path}`).toBeVisible();
        if (shows === "history") await expect(page).toHaveURL(/\/history/);
        if (shows === "page") await expect(page.getByTestId("not-allowed")).toHaveCount(0);
      }
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(role === "admin" ? 1 : 0);
      await context.close();
    }
  });

  test("a product user sees only their product's devices, and another product's device page is refused", async ({ page }) => {
    await login(page, "product");
    const conn = await demoConnectionId(page);
    await page.goto(`/connections/${conn}`);
    await page.getByLabel("Search devices").fill("probe");
    await expect(page.getByText(/No devices/i).first()).toBeVisible();
    await page.goto(`/connections/${conn}/devices/xssProbe/probe-001`);
    await expect(page.getByText(/no access to product xssProbe/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Invoke" })).toHaveCount(0);
  });
});

/** The invoke action's id, captured from a real click on the device page. */
async function invokeActionId(page: Page): Promise<string> {
  await openDevice(page, "pump-001");
  await openService(page, /Get status/, "getStatus");
  // other actions run on this page too (presets, polling): the invoke call is the one with a timeout
  const action = await captureAction(page, '"timeoutMs"', () => page.getByRole("button", { name: "Invoke" }).click());
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  return action.id;
}

function postAction(page: Page, id: string, args: unknown[], origin: string) {
  return page.request.post("/connections", {
    headers: { "next-action": id, origin, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: encodeActionArgs(args),
    maxRedirects: 0,
  });
}

test.describe("server actions", () => {
  test("refuse a call from another origin, even with a valid session cookie", async ({ page, baseURL }) => {
    await login(page, "engineer");
    const id = await invokeActionId(page);
    const conn = await demoConnectionId(page);
    const args = { connectionId: conn, device: { productKey: "demoPump", deviceKey: "pump-001" }, serviceId: "getStatus", input: {}, timeoutMs: 10_000 };
    const count = () => withDb(async (db) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "invocation" WHERE "connectionId" = $1`, [conn])).rows[0]!.n));

    const before = { seq: await lastSeq(), rows: await count() };
    const forged = await postAction(page, id, [args], "https://evil.example");
    expect(forged.status(), "Next.js refuses the foreign Origin").toBeGreaterThanOrEqual(400);
    expect(await forged.text()).not.toContain('"ok":true');
    expect((await emulatorRequests(before.seq)).filter((r) => r.query.action === "invokeService")).toEqual([]);
    expect(await count()).toBe(before.rows);

    // the same request from the console's own origin goes through: the Origin is what made the difference
    const genuine = await postAction(page, id, [args], baseURL!);
    expect(genuine.status()).toBe(200);
    expect(await genuine.text()).toContain('"ok":true');
    expect(await count()).toBe(before.rows + 1);
  });

  test("answer 200 malformed invoke calls over HTTP with a clear refusal, and the platform hears nothing", async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    await login(page, "engineer");
    const id = await invokeActionId(page);
    const conn = await demoConnectionId(page);
    const seq = await lastSeq();
    const bad = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record({ connectionId: fc.oneof(fc.string(), fc.constant(conn)), device: fc.anything({ maxDepth: 2 }), serviceId: fc.string(), input: fc.anything({ maxDepth: 3 }), timeoutMs: fc.oneof(fc.string(), fc.double({ noInteger: true })) }),
      fc.record({ connectionId: fc.constant(conn), device: fc.constant({ productKey: "demoPump", deviceKey: "pump-001" }), serviceId: fc.constant("setMode"), timeoutMs: fc.constant(10_000), input: fc.constantFrom(JSON.parse('{"__proto__":{"x":1}}') as unknown, { label: "\uD800" }, { label: "x".repeat(70_000) }) }),
    );
    await fc.assert(
      fc.asyncProperty(bad, async (args) => {
        const res = await postAction(page, id, [args], baseURL!);
        const text = await res.text();
        expect(res.status(), text.slice(0, 200)).toBe(200);
        expect(text).toMatch(/"ok":false/);
        expect(text).toMatch(/"code":"(invalid|forbidden)"/);
      }),
      { numRuns: 200 },
    );
    expect((await emulatorRequests(seq)).filter((r) => r.query.action === "invokeService")).toEqual([]);
  });
});

test.describe("sign-in limits and sessions", () => {
  // Each attempt names a client address of its own (X-Forwarded-For, as a reverse proxy would), so
  // these tests never use up the sign-ins of 127.0.0.1 that every other test shares.
  test("too many sign-ins from one address are refused with a clear message", async ({ page, baseURL }) => {
    const address = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 20; i++) {
      const res = await page.request.post("/api/auth/sign-in/email", {
        headers: { "x-forwarded-for": address, origin: baseURL! },
        data: { email: `nobody-${randomUUID()}@example.com`, password: "wrong-password" },
      });
      expect(res.status()).toBe(401);
    }
    await page.setExtraHTTPHeaders({ "x-forwarded-for": address });
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO_USERS.engineer.email);
    await page.getByLabel("Password").fill(DEMO_USERS.engineer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toContainText("Too many sign-in attempts from this address");
  });

  test("too many wrong passwords for one account lock it, from any address", async ({ page, baseURL }) => {
    const email = `locked-${randomUUID().slice(0, 8)}@example.com`;
    const block = 1 + Math.floor(Math.random() * 200);
    for (let i = 0; i < 5; i++) {
      const headers = { "x-forwarded-for": `203.0.113.${block + i}`, origin: baseURL! };
      const res = await page.request.post("/api/auth/sign-in/email", { headers, data: { email, password: "wrong-password" } });
      expect(res.status()).toBe(401);
    }
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `192.0.2.${block}` });
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toContainText("Too many failed sign-ins for this account");
  });

  test("sign out everywhere ends the user's sessions in every browser", async ({ browser }) => {
    const first = await signedIn(browser, "manager");
    const second = await signedIn(browser, "manager");
    await first.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(first.page).toHaveURL(/\/login/);
    await second.page.goto("/history");
    await expect(second.page).toHaveURL(/\/login/);
    await first.context.close();
    await second.context.close();
  });
});

test("a service marked dangerous asks for a reason, which the history keeps", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  const engineer = await signedIn(browser, "engineer");
  const conn = await demoConnectionId(admin.page);
  const unmark = () => withDb((db) => db.query(`DELETE FROM "dangerous_service" WHERE "connectionId" = $1 AND "productKey" = 'demoPump'`, [conn]));
  try {
    await openDevice(admin.page, "pump-005");
    await openService(admin.page, /Get status/, "getStatus");
    await admin.page.getByRole("button", { name: "Mark dangerous" }).click();
    await expect(admin.page.getByTestId("service-dangerous")).toBeVisible();

    const page = engineer.page;
    await openDevice(page, "pump-005");
    await openService(page, /Get status/, "getStatus");
    const seq = await lastSeq();
    await page.getByRole("button", { name: "Invoke" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm a dangerous service" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect((await emulatorRequests(seq)).filter((r) => r.query.action === "invokeService")).toEqual([]);

    await page.getByRole("button", { name: "Invoke" }).click();
    await dialog.getByLabel("Reason").fill("pump 5 stuck, ticket E2E-42");
    await dialog.getByRole("button", { name: "Confirm and invoke" }).click();
    await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
    const id = (await page.getByTestId("invocation-id").textContent())!.trim();
    await page.goto(`/history/${id}`);
    await expect(page.getByRole("list", { name: "Event timeline" })).toContainText("pump 5 stuck, ticket E2E-42");
  } finally {
    await unmark();
    await admin.context.close();
    await engineer.context.close();
  }
});
