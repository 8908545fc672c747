import { expect, test } from "@playwright/test";
import { aliyunEmulatorUrl, login, openDevice, setDevice } from "./support";

const LAMP = { connection: /Demo Alibaba Cloud IoT/, name: "lamp-001" };

test.afterEach(async () => {
  await setDevice("a1DemoLamp", "lamp-001", { latencyMs: 0 }, aliyunEmulatorUrl);
});

test("a synchronous Alibaba service on the demo lamp succeeds with its output", async ({ page }) => {
  await login(page, "engineer");
  await openDevice(page, "lamp-001", LAMP);
  const services = page.getByRole("navigation", { name: "Services" });
  await expect(services.getByRole("link", { name: /setBrightness/ })).toContainText("sync");
  await services.getByRole("link", { name: /setBrightness/ }).click();

  await page.getByLabel("Brightness", { exact: true }).fill("40");
  await page.getByLabel(/gamma/i).fill("2");
  // enums start unset: the form sends no value nobody chose
  await page.getByLabel("Color", { exact: true }).selectOption({ label: "warm (1)" });
  await page.getByRole("button", { name: "Invoke" }).click();

  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  await expect(page.getByTestId("invocation-output")).toContainText("40");
});

test("an asynchronous Alibaba service is SENT with its MessageId, then SUCCEEDED without a reload", async ({ page }) => {
  await login(page, "engineer");
  await openDevice(page, "lamp-001", LAMP);
  const services = page.getByRole("navigation", { name: "Services" });
  await expect(services.getByRole("link", { name: /blink/ })).toContainText("async");
  await services.getByRole("link", { name: /blink/ }).click();

  await page.getByLabel(/times/i).fill("3");
  // the lamp takes a few seconds to answer, so the page shows the call in flight first
  await setDevice("a1DemoLamp", "lamp-001", { latencyMs: 4000 }, aliyunEmulatorUrl);
  await page.getByRole("button", { name: "Invoke" }).click();

  await expect(page.getByTestId("invocation-status")).toHaveText("SENT");
  await expect(page.getByTestId("invocation-message-id")).toHaveText(/\S+/);
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED", { timeout: 30_000 });
});
