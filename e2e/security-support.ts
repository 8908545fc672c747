// Helpers of the security specs: signed-in contexts per role (one sign-in each, so the suite stays
// far below the per-address sign-in limit), the database under test, and the secrets to look for.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_USERS, login } from "./support";

export type DemoRole = keyof typeof DEMO_USERS;

export async function signedIn(browser: Browser, role: DemoRole): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, role);
  return { context, page };
}

/** The database the console under test uses (scripts/with-db.ts passes DATABASE_URL to Playwright). */
export async function withDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run e2e through `npm test -- e2e` or scripts/with-db.ts");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function demoConnectionId(page: Page, name = "Demo EnOS (emulator)"): Promise<string> {
  await page.goto("/connections");
  const href = await page.getByRole("link", { name, exact: true }).getAttribute("href");
  return href!.split("/").pop()!;
}

/** What a server action call sends: the action id Next.js put in the page, and the encoded args. */
export interface CapturedAction {
  id: string;
  url: string;
}

/** Clicks `trigger` and returns the id of the server action it called whose arguments contain `marker`. */
export async function captureAction(page: Page, marker: string, trigger: () => Promise<void>): Promise<CapturedAction> {
  const request = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]) && (r.postData() ?? "").includes(marker));
  await trigger();
  const r = await request;
  return { id: r.headers()["next-action"]!, url: r.url() };
}

/** React's reply encoding of plain JSON arguments: a string starting with "$" is escaped as "$$". */
export function encodeActionArgs(args: unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) => (typeof value === "string" && value.startsWith("$") ? `$${value}` : value));
}

/** Every secret the console holds for the demo connections, and the keys that protect them. */
export function secretsToFind(): { label: string; value: string }[] {
  const root = process.cwd();
  const seed = JSON.parse(readFileSync(path.join(root, "emulator/seed.json"), "utf8")) as {
    enos: { apps: { secretKey: string }[]; devices: { deviceSecret: string }[] };
    aliyun: { accounts: { accessKeySecret: string }[]; devices: { deviceSecret: string }[] };
  };
  const found = [
    ...seed.enos.apps.map((a) => ({ label: "EnOS app secret", value: a.secretKey })),
    ...seed.aliyun.accounts.map((a) => ({ label: "Alibaba AccessKey secret", value: a.accessKeySecret })),
    ...seed.enos.devices.map((d) => ({ label: "EnOS device secret", value: d.deviceSecret })),
    ...seed.aliyun.devices.map((d) => ({ label: "Alibaba device secret", value: d.deviceSecret })),
  ];
  const key = process.env.CONSOLE_SECRET_KEY ?? readIfThere(path.join(root, ".data/secret.key"));
  if (key) {
    const bytes = Buffer.from(key.trim(), "base64");
    found.push(
      { label: "CONSOLE_SECRET_KEY (base64)", value: bytes.toString("base64") },
      { label: "CONSOLE_SECRET_KEY (base64url)", value: bytes.toString("base64url") },
      { label: "CONSOLE_SECRET_KEY (hex)", value: bytes.toString("hex") },
    );
  }
  const authSecret = process.env.BETTER_AUTH_SECRET ?? readIfThere(path.join(root, ".data/auth-secret"));
  if (authSecret) found.push({ label: "BETTER_AUTH_SECRET", value: authSecret.trim() });
  expect(found.length, "the demo seed and the keys were found").toBeGreaterThan(4);
  return found.filter((s) => s.value.length >= 8);
}

function readIfThere(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/** "label in where" for every secret found in `text`; empty when none is. */
export function leaks(text: string, where: string, secrets: { label: string; value: string }[]): string[] {
  return secrets.filter((s) => text.includes(s.value)).map((s) => `${s.label} in ${where}`);
}

/** Picks a service on the device page and waits until its form is the one shown (the click navigates). */
export async function openService(page: Page, label: RegExp, serviceId: string): Promise<void> {
  await page.getByRole("navigation", { name: "Services" }).getByRole("link", { name: label }).click();
  await expect(page).toHaveURL(new RegExp(`service=${serviceId}`));
  await expect(page.getByRole("heading", { level: 2 }).filter({ hasText: serviceId })).toBeVisible();
}
