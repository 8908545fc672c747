import { expect, test } from "@playwright/test";
import { enosCommand, login, openDevice, setDevice } from "./support";

test.afterEach(async () => {
  await setDevice("demoPump", "pump-002", { online: false });
});

async function queueReboot(page: import("@playwright/test").Page, delay: string): Promise<string> {
  await login(page, "engineer");
  await openDevice(page, "pump-002");
  await page.getByRole("navigation", { name: "Services" }).getByRole("link", { name: /Reboot/ }).click();
  await page.getByLabel("Delay").fill(delay);
  await page.getByLabel(/^Cached/).check();
  await page.getByLabel("Keep for", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Invoke" }).click();
  await expect(page.getByTestId("invocation-status")).toHaveText("QUEUED");
  return (await page.getByTestId("invocation-id").textContent())!.trim();
}

test("a cached command waits for an offline device and finishes on the same page when it comes online", async ({ page }) => {
  await queueReboot(page, "7");
  await expect(page.getByTestId("invocation-command-id")).toHaveText(/^\d+$/);

  await setDevice("demoPump", "pump-002", { online: true });

  // no reload: the page follows the command until the device has answered
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED", { timeout: 30_000 });
  await expect(page.getByTestId("invocation-raw-state")).toContainText("state 5");
  await expect(page.getByTestId("invocation-output")).toBeVisible();
});

test("a queued command can be cancelled: CANCELED in the console and state 2 on the platform", async ({ page }) => {
  await queueReboot(page, "9");
  const commandId = (await page.getByTestId("invocation-command-id").textContent())!.trim();

  await page.getByRole("button", { name: "Cancel command" }).click();
  await expect(page.getByTestId("invocation-status")).toHaveText("CANCELED");
  await expect(page.getByRole("button", { name: "Cancel command" })).toHaveCount(0);

  const command = await enosCommand("demoPump", "pump-002", commandId);
  expect(command.state).toBe(2);
});
