// A double click, a second click a moment later, or Enter pressed twice on the invoke form is one
// invocation: one command reaches the platform and the history has one row. The page's requests are
// watched too, so the test proves the second submit really happened (with the same key) rather than
// being swallowed before it left the browser.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { expect, test, type Page, type Request } from "@playwright/test";
import { emulatorRequests, lastSeq, login, openDevice } from "./support";

async function rowsWithLabel(label: string): Promise<{ id: string; status: string }[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; status: string }>(`SELECT "id", "status" FROM "invocation" WHERE "input"->>'label' = $1`, [label]);
    return rows;
  } finally {
    await client.end();
  }
}

async function openSetMode(page: Page, label: string): Promise<void> {
  await login(page, "engineer");
  await openDevice(page, "pump-001");
  await page.getByRole("navigation", { name: "Services" }).getByRole("link", { name: /Set mode/ }).click();
  await page.getByLabel("Mode", { exact: true }).selectOption({ label: "Normal (1)" });
  await page.getByLabel("Off").check();
  await page.getByLabel("Speed").fill("12.5");
  await page.getByLabel("Label").fill(label);
}

/** The idempotency keys of the invoke server-action calls the page sent. */
function watchInvokeKeys(page: Page): string[] {
  const keys: string[] = [];
  page.on("request", (r: Request) => {
    if (r.method() !== "POST" || !r.headers()["next-action"]) return;
    const key = /"idempotencyKey":"([0-9a-f-]{36})"/.exec(r.postData() ?? "")?.[1];
    if (key) keys.push(key);
  });
  return keys;
}

async function expectOneInvocation(label: string, since: number): Promise<void> {
  // the platform saw one command with this label, and the history holds one row for it
  await expect.poll(async () => (await rowsWithLabel(label)).map((r) => r.status)).toEqual(["SUCCEEDED"]);
  const calls = (await emulatorRequests(since)).filter((r) => r.query.action === "invokeService" && r.body.includes(label));
  expect(calls).toHaveLength(1);
}

const label = () => `dbl-${randomBytes(4).toString("hex")}`;

test("a double-clicked Invoke button makes one platform call and one history row", async ({ page }) => {
  const l = label();
  await openSetMode(page, l);
  const since = await lastSeq();
  await page.getByRole("button", { name: "Invoke" }).dblclick();
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  await expectOneInvocation(l, since);
  const id = (await page.getByTestId("invocation-id").textContent())!.trim();
  expect((await rowsWithLabel(l)).map((r) => r.id)).toEqual([id]);
});

test("two clicks a moment apart (the first call already answered) are still one invocation", async ({ page }) => {
  const l = label();
  await openSetMode(page, l);
  const keys = watchInvokeKeys(page);
  const since = await lastSeq();
  const invoke = page.getByRole("button", { name: "Invoke" });
  await invoke.click();
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  const first = (await page.getByTestId("invocation-id").textContent())!.trim();
  await invoke.click(); // a slow double click: the answer came back before the second click
  await expect.poll(() => keys.length).toBe(2);
  expect(keys[1], "the second submit carries the first one's idempotency key").toBe(keys[0]);
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  expect((await page.getByTestId("invocation-id").textContent())!.trim()).toBe(first);
  await expectOneInvocation(l, since);
});

test("Enter pressed twice in a field submits the same key twice and makes one call", async ({ page }) => {
  const l = label();
  await openSetMode(page, l);
  const keys = watchInvokeKeys(page);
  const since = await lastSeq();
  const field = page.getByLabel("Label");
  await field.press("Enter");
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  await field.press("Enter");
  await expect.poll(() => keys.length).toBe(2);
  expect(keys[1]).toBe(keys[0]);
  await expectOneInvocation(l, since);
});

test("the same request invoked again later is a new invocation", async ({ page }) => {
  const l = label();
  await openSetMode(page, l);
  const keys = watchInvokeKeys(page);
  const invoke = page.getByRole("button", { name: "Invoke" });
  await invoke.click();
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  const first = (await page.getByTestId("invocation-id").textContent())!.trim();
  await page.waitForTimeout(2_500); // past the double-submit window
  await invoke.click();
  await expect(page.getByTestId("invocation-id")).not.toHaveText(first);
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  expect(new Set(keys).size).toBe(2);
  expect(await rowsWithLabel(l)).toHaveLength(2);
});
