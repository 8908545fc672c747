import { expect, test } from "@playwright/test";
import { login, openDevice } from "./support";

// The language switcher in the header: the console, the thing model's names and the platform's
// errors read in Simplified Chinese, with the identifiers and raw codes still beside them.
test("an engineer switches to Simplified Chinese, invokes services in it, and switches back", async ({ page }) => {
  await login(page, "engineer");
  await openDevice(page, "pump-001");
  await page.getByRole("navigation", { name: "Services" }).getByRole("link", { name: /Set mode/ }).click();
  await expect(page.getByLabel("Mode", { exact: true })).toBeVisible();

  await page.getByLabel("Language / 语言").selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  // header and form in Chinese: the model's zh_CN names, enum labels, our own words
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "历史记录" })).toBeVisible();
  await expect(page.locator("#service-title")).toContainText("设置模式");
  await expect(page.locator("#service-title")).toContainText("setMode");
  const mode = page.getByLabel("模式", { exact: true });
  await expect(mode.locator("option", { hasText: "增强 (2)" })).toHaveCount(1);
  await mode.selectOption({ label: "增强 (2)" });
  await page.getByLabel("Off").check();
  await page.getByLabel("转速").fill("900");
  await page.getByLabel("标签").fill("中文测试");
  await page.getByRole("button", { name: "调用" }).click();
  await expect(page.getByTestId("invocation-status")).toHaveText("成功");
  await expect(page.getByTestId("invocation-result")).toContainText("结果");
  await expect(page.getByTestId("invocation-output")).toContainText("增强");

  // the offline pump: the error is ours in Chinese, with EnOS's raw code
  await page.goto("/connections");
  await page.getByRole("link", { name: /Demo EnOS \(/ }).first().click();
  await page.getByLabel("搜索设备").fill("pump-002");
  await expect(page).toHaveURL(/q=pump-002/);
  await page.getByRole("link", { name: "Pump 002", exact: true }).first().click();
  await page.getByRole("navigation", { name: "服务" }).getByRole("link", { name: /重启/ }).click();
  await expect(page.locator("#service-title")).toContainText("重启");
  await page.getByLabel("延迟").fill("5");
  await page.getByRole("button", { name: "调用" }).click();
  await expect(page.getByTestId("invocation-status")).toHaveText("失败");
  await expect(page.getByTestId("invocation-message")).toContainText("设备离线");
  await expect(page.getByTestId("invocation-platform-code")).toContainText("11900");

  // the choice is remembered across pages, and switching back gives English again
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByLabel("Language / 语言").selectOption("en-US");
  await expect(page.locator("html")).toHaveAttribute("lang", "en-US");
  await expect(page.locator("#service-title")).toContainText("Reboot");
  await expect(page.getByLabel("Delay")).toBeVisible();
  await expect(page.getByRole("button", { name: "Invoke" })).toBeVisible();
});

test("the login page has the switcher too, and the choice is remembered", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Language / 语言").selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("设备服务控制台");
  await expect(page.getByLabel("邮箱")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "登录" })).toBeVisible();
  await page.getByLabel("Language / 语言").selectOption("en-US");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});
