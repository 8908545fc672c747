// The admin pages: users with passwords, roles, grants and disabling; connections with write-only
// secrets, the endpoint policy and "test connection".
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { emulatorUrl } from "./support";
import { signedIn } from "./security-support";

test("an admin creates a product user, grants a product, and disabling the user ends their session", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  const page = admin.page;
  const email = `e2e-${randomUUID().slice(0, 8)}@example.com`;
  const password = "e2e-product-password";

  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Name").fill("E2E product user");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill("short");
  await form.getByLabel("Role").selectOption("product");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText("Use at least 12 characters.")).toBeVisible();
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toContainText(`Created ${email}`);

  const card = page.locator(`[data-testid="user-card"][data-email="${email}"]`);
  await expect(card).toContainText("nothing granted yet");
  await card.getByRole("button", { name: "Edit access" }).click();
  await card.getByRole("button", { name: "Add a product" }).click();
  await card.getByLabel("Connection").selectOption({ label: "Demo EnOS (emulator)" });
  await card.getByLabel("Product key").fill("demoPump");
  await card.getByRole("button", { name: "Save access" }).click();
  await expect(card).toContainText("Demo EnOS (emulator) / demoPump");

  // the new user signs in and works on that product only
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await userPage.goto("/login");
  await userPage.getByLabel("Email").fill(email);
  await userPage.getByLabel("Password").fill(password);
  await userPage.getByRole("button", { name: "Sign in" }).click();
  await expect(userPage.getByTestId("current-user-role")).toHaveText("product");
  await expect(userPage.getByRole("link", { name: "Demo EnOS (emulator)", exact: true })).toBeVisible();
  await expect(userPage.getByRole("link", { name: /Alibaba/ })).toHaveCount(0);

  await card.getByRole("button", { name: "Disable" }).click();
  await expect(card).toContainText("disabled");
  await userPage.reload();
  await expect(userPage).toHaveURL(/\/login/);
  await userPage.getByLabel("Email").fill(email);
  await userPage.getByLabel("Password").fill(password);
  await userPage.getByRole("button", { name: "Sign in" }).click();
  await expect(userPage.getByTestId("login-error")).toContainText("This account is disabled");
  await userContext.close();
  await admin.context.close();
});

test("an admin adds, tests, edits and disables a connection; the secret is never shown again", async ({ browser }) => {
  const { context, page } = await signedIn(browser, "admin");
  const name = `E2E EnOS ${randomUUID().slice(0, 6)}`;
  await page.goto("/admin/connections/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Endpoint").fill("http://10.0.0.1:8080");
  await page.getByLabel("Organization ID").fill("o15000000000001");
  await page.getByLabel("Access key").fill("demo-enos-access-key");
  await page.getByLabel("Secret key").fill("demo-enos-secret-key");
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByText(/must use https/)).toBeVisible();

  await page.getByLabel("Endpoint").fill(emulatorUrl);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status")).toContainText("Connected");
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page).toHaveURL(/\/admin\/connections$/);

  const row = page.locator(`tr[data-connection-name="${name}"]`);
  await expect(row).toContainText("•••• set");
  await row.getByRole("link", { name }).click();
  await expect(page.getByLabel("Secret key")).toHaveValue("");
  await expect(page.getByLabel("Secret key")).toHaveAttribute("placeholder", "•••• set");
  // editing without typing a secret keeps the stored one: the test still connects
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status")).toContainText("Connected");
  // a wrong secret is reported without being echoed
  await page.getByLabel("Secret key").fill("not-the-right-secret");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expect(page.getByRole("alert").first()).not.toContainText("not-the-right-secret");
  await page.getByLabel("Secret key").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/admin\/connections$/);

  await row.getByRole("button", { name: `Disable ${name}` }).click();
  await expect(row).toContainText("disabled");
  await context.close();
});
