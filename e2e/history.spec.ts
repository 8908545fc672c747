import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { login, openDevice, setDevice } from "./support";

const DEVICE = "pump-007";
/** who invokes: an engineer, whose invocations the manager then audits */
const INVOKER = "engineer";

test.afterEach(async () => {
  await setDevice("demoPump", DEVICE, { online: true });
});

/** An engineer's personal API token, created on the API tokens page (shown there once). */
async function createToken(page: Page): Promise<string> {
  await page.getByRole("link", { name: "API tokens" }).click();
  await page.getByLabel("New token name").fill(`e2e history ${Date.now()}`);
  await page.getByRole("button", { name: "Create token" }).click();
  return (await page.getByTestId("new-api-token").textContent())!.trim();
}

async function demoConnectionId(page: Page): Promise<string> {
  await page.goto("/connections");
  const href = await page.getByRole("link", { name: /Demo EnOS \(/ }).first().getAttribute("href");
  return href!.split("/").pop()!;
}

async function invokeViaApi(request: APIRequestContext, token: string, connectionId: string, speed: number): Promise<{ id: string; status: string }> {
  const res = await request.post("/api/v1/invocations", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      connectionId,
      productKey: "demoPump",
      deviceKey: DEVICE,
      serviceId: "setMode",
      input: { mode: 1, enabled: true, speed, label: `history e2e ${speed}` },
      timeoutMs: 10_000,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; status: string };
}

/** Every row the table shows, loading further pages until there are none. */
async function allRowIds(page: Page): Promise<string[]> {
  const more = page.getByRole("button", { name: "Load more" });
  while (await more.isVisible()) {
    const before = await page.locator("tr[data-invocation-id]").count();
    await more.click();
    await expect(page.locator("tr[data-invocation-id]")).not.toHaveCount(before);
  }
  return page.locator("tr[data-invocation-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-invocation-id")!));
}

/** The first column of each CSV record (ids hold no commas, quotes or line breaks). */
function csvIds(text: string): { header: string; ids: string[]; statuses: string[] } {
  const [header, ...records] = text.trimEnd().split("\r\n");
  const statusColumn = header!.split(",").indexOf("status");
  return { header: header!, ids: records.map((r) => r.split(",")[0]!), statuses: records.map((r) => r.split(",")[statusColumn]!) };
}

test("a manager filters by device and status, opens a row, and exports exactly those rows as CSV", async ({ page, request }) => {
  await login(page, INVOKER);
  const token = await createToken(page);
  const connectionId = await demoConnectionId(page);
  const succeeded = [await invokeViaApi(request, token, connectionId, 101), await invokeViaApi(request, token, connectionId, 102)];
  await setDevice("demoPump", DEVICE, { online: false });
  const failed = [await invokeViaApi(request, token, connectionId, 201), await invokeViaApi(request, token, connectionId, 202)];
  expect(succeeded.map((s) => s.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
  expect(failed.map((s) => s.status)).toEqual(["FAILED", "FAILED"]);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await login(page, "manager");
  await page.goto("/history");
  await page.getByLabel("Device key").fill(DEVICE);
  await page.getByLabel("Status").selectOption("FAILED");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`device=${DEVICE}.*status=FAILED`));

  const rows = page.locator("tr[data-invocation-id]");
  await expect(rows.first()).toBeVisible();
  const ids = await allRowIds(page);
  // newest first, only this device's failures, ours among them
  expect(ids.slice(0, 2)).toEqual(failed.map((f) => f.id).reverse());
  for (const s of succeeded) expect(ids).not.toContain(s.id);
  await expect(page.getByTestId("history-count")).toHaveText(`${ids.length} invocation${ids.length === 1 ? "" : "s"} match`);
  for (const row of await rows.all()) {
    await expect(row).toContainText("FAILED");
    await expect(row).toContainText(DEVICE);
  }

  // open a row, then come back to the same filtered view
  await rows.first().getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/history/${failed[1]!.id}$`));
  await expect(page.getByTestId("invocation-status")).toHaveText("FAILED");
  await expect(page.getByTestId("invocation-id")).toHaveText(failed[1]!.id);
  await expect(page.getByText(`${INVOKER}@example.com`)).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/status=FAILED/);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^invocations-.*\.csv$/);
  const csv = csvIds(readFileSync((await download.path())!, "utf8"));
  expect(csv.header).toMatch(/^id,requestedAt,/);
  expect(csv.ids).toEqual(ids);
  expect(new Set(csv.statuses)).toEqual(new Set(["FAILED"]));
});

test("invoke again fills the service form with the earlier input, and compare shows what changed", async ({ page }) => {
  const modeSelect = page.getByRole("combobox", { name: "Mode", exact: true });
  await login(page, INVOKER);
  await openDevice(page, "pump-008");
  await page.getByRole("navigation", { name: "Services" }).getByRole("link", { name: /Set mode/ }).click();
  await modeSelect.selectOption({ label: (await modeSelect.locator("option", { hasText: "Boost" }).textContent())! });
  await page.getByLabel("Off").check();
  await page.getByLabel("Speed").fill("777.25");
  await page.getByLabel("Label").fill("again e2e");
  await page.getByRole("button", { name: "Invoke" }).click();
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  const firstId = (await page.getByTestId("invocation-id").textContent())!.trim();

  await page.goto(`/history/${firstId}`);
  await page.getByRole("link", { name: "Invoke again" }).click();
  await expect(page).toHaveURL(new RegExp(`service=setMode.*from=${firstId}`));
  await expect(page.getByTestId("filled-from")).toContainText(firstId.slice(0, 8));
  await expect(page.getByLabel("Speed")).toHaveValue("777.25");
  await expect(page.getByLabel("Label")).toHaveValue("again e2e");
  await expect(page.getByLabel("Off")).toBeChecked();
  await expect(modeSelect.locator("option:checked")).toContainText("Boost");

  // change one value and invoke: the comparison names exactly that change
  await page.getByLabel("Speed").fill("800");
  await page.getByRole("button", { name: "Invoke" }).click();
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  const secondId = (await page.getByTestId("invocation-id").textContent())!.trim();
  await page.goto(`/history/${secondId}`);
  await page.getByRole("link", { name: "Compare with previous" }).click();
  const outputDiff = page.getByTestId("output-diff");
  await expect(outputDiff.locator("tr[data-diff-path]")).toHaveCount(1);
  await expect(outputDiff.locator('tr[data-diff-path="speed"]')).toContainText("777.25");
  await expect(outputDiff.locator('tr[data-diff-path="speed"]')).toContainText("800");
});
