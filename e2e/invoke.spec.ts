import { expect, test } from "@playwright/test";
import { emulatorRequests, lastSeq, login, openDevice } from "./support";

test("an engineer invokes a service with typed inputs, reads the output, and finds it in the history", async ({ page }) => {
  await login(page, "engineer");
  await openDevice(page, "pump-001");
  await page.getByRole("navigation", { name: "Services" }).getByRole("link", { name: /Set mode/ }).click();

  await page.getByLabel("Mode", { exact: true }).selectOption({ label: "Boost (2)" });
  await page.getByLabel("Off").check();
  await page.getByLabel("Speed").fill("1200.5");
  await page.getByLabel("Label").fill("e2e run");
  const since = await lastSeq();
  await page.getByRole("button", { name: "Invoke" }).click();

  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  const output = page.getByTestId("invocation-output");
  await expect(output).toContainText("1200.5");
  await expect(output).toContainText("Boost");

  // what reached the platform is exactly what was chosen in the form
  const calls = (await emulatorRequests(since)).filter((r) => r.query.action === "invokeService");
  expect(calls).toHaveLength(1);
  expect(JSON.parse(calls[0]!.body)).toEqual({ inputData: { mode: 2, enabled: false, speed: 1200.5, label: "e2e run" } });

  const id = (await page.getByTestId("invocation-id").textContent())!.trim();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "History" }).click();
  const row = page.locator(`tr[data-invocation-id="${id}"]`);
  await expect(row).toContainText("SUCCEEDED");
  await expect(row).toContainText("engineer@example.com");
  await expect(row).toContainText("setMode");
  // requested, device replied and completed times are all there
  await expect(row.locator("time")).toHaveCount(3);
});

test("invoking on an offline device says so, with EnOS code 11900, and the history shows FAILED", async ({ page }) => {
  await login(page, "engineer");
  await openDevice(page, "pump-002");
  await page.getByRole("navigation", { name: "Services" }).getByRole("link", { name: /Reboot/ }).click();
  await page.getByLabel("Delay").fill("5");
  await page.getByRole("button", { name: "Invoke" }).click();

  await expect(page.getByTestId("invocation-status")).toHaveText("FAILED");
  await expect(page.getByTestId("invocation-message")).toContainText(/offline/i);
  await expect(page.getByTestId("invocation-platform-code")).toContainText("11900");

  const id = (await page.getByTestId("invocation-id").textContent())!.trim();
  await page.goto("/history");
  const row = page.locator(`tr[data-invocation-id="${id}"]`);
  await expect(row).toContainText("FAILED");
  await expect(row).toContainText("11900");
});

test("every page requires a session", async ({ page }) => {
  await page.goto("/history");
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/connections");
  await expect(page).toHaveURL(/\/login/);
});
