// Markup from the platform is text: the emulator's security probe (emulator/seed.json, product
// xssProbe) names its product, device, model, service and parameters with <img onerror>, <svg onload>
// and <script>, and its echo service returns whatever it is sent. None of it may run or become
// an element; all of it must be readable as the characters it is.
import { expect, test, type Page } from "@playwright/test";
import { login } from "./support";

const PAYLOAD = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2">`;

function watchForScript(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

async function expectInert(page: Page, dialogs: string[]): Promise<void> {
  expect(dialogs, "no alert() ran").toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), "no injected script ran").toBeUndefined();
  await expect(page.locator("main img[src='x'], main svg[onload], main [onerror], main [onmouseover], main script:not([src])")).toHaveCount(0);
}

test("device names, thing-model names and device output render as inert text", async ({ page }) => {
  const dialogs = watchForScript(page);
  await login(page, "engineer");
  await page.goto("/connections");
  await page.getByRole("link", { name: "Demo EnOS (emulator)", exact: true }).click();
  await page.getByLabel("Search devices").fill("probe-001");
  await page.getByRole("link", { name: /Probe <img src=x onerror=alert\('device'\)>/ }).first().click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText("Probe <img src=x onerror=alert('device')>");
  await expect(page.getByText("Echo <img src=x onerror=alert('service')>").first()).toBeVisible();
  await expect(page.getByText("Text <svg onload=alert('input')>").first()).toBeVisible();
  await expectInert(page, dialogs);

  await page.getByLabel(/Text <svg onload/).fill(PAYLOAD);
  await page.getByRole("button", { name: "Invoke" }).click();
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  await expect(page.getByTestId("invocation-output")).toContainText(PAYLOAD);
  await expectInert(page, dialogs);

  // the same text in the history list and the invocation's page
  const id = (await page.getByTestId("invocation-id").textContent())!.trim();
  await page.goto("/history");
  await expect(page.locator(`tr[data-invocation-id="${id}"]`)).toContainText("Probe <img src=x onerror=alert('device')>");
  await expectInert(page, dialogs);
  await page.goto(`/history/${id}`);
  await expect(page.getByText(PAYLOAD).first()).toBeVisible();
  await expectInert(page, dialogs);
});
