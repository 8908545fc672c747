import { expect, test } from "@playwright/test";
import { aliyunEmulatorUrl, login, setDevice } from "./support";

const LAMPS = ["lamp-001", "lamp-002", "lamp-003"];

test.afterEach(async () => {
  for (const lamp of LAMPS) await setDevice("a1DemoLamp", lamp, { latencyMs: 0 }, aliyunEmulatorUrl);
});

test("three lamps of a1DemoLamp take an async service as one batch and each row ends SUCCEEDED", async ({ page }) => {
  // the lamps answer after a moment, so the rows are seen waiting first
  for (const lamp of LAMPS) await setDevice("a1DemoLamp", lamp, { latencyMs: 1500 }, aliyunEmulatorUrl);
  await login(page, "engineer");
  await page.goto("/connections");
  await page.getByRole("link", { name: /Demo Alibaba Cloud IoT/ }).first().click();

  await page.getByLabel("Product", { exact: true }).selectOption("a1DemoLamp");
  await expect(page).toHaveURL(/product=a1DemoLamp/);
  for (const lamp of LAMPS) await page.getByLabel(`Select ${lamp} for a batch`, { exact: true }).check();
  await expect(page.getByTestId("batch-selection-count")).toHaveText("3 of 100 selected");
  await page.getByRole("link", { name: "Invoke on 3 devices…" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Batch invocation");
  await expect(page.getByRole("list", { name: "Selected devices" }).getByRole("listitem")).toHaveText(LAMPS);
  const services = page.getByRole("navigation", { name: "Services" });
  // only async services can go out as a batch
  await expect(services.getByRole("link", { name: /setBrightness/ })).toHaveCount(0);
  await services.getByRole("link", { name: /blink/ }).click();
  await expect(page).toHaveURL(/service=blink/);

  await page.getByLabel(/times/i).fill("2");
  await page.getByRole("button", { name: "Invoke on 3 devices" }).click();

  const rows = page.getByTestId("batch-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.getByTestId("batch-row-status")).toHaveText(["SENT", "SENT", "SENT"]);
  await expect(rows.getByTestId("batch-row-status")).toHaveText(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"], { timeout: 30_000 });
  for (const lamp of LAMPS) await expect(page.locator(`[data-testid="batch-row"][data-device="${lamp}"]`)).toContainText("done: 0");
});
