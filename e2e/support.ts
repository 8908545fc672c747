import { expect, type Page } from "@playwright/test";
import { createHash } from "node:crypto";

// Ports the Playwright config gives the console's own emulator (see playwright.config.ts).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const EMULATOR_ENOS_PORT = Number(process.env.E2E_EMULATOR_ENOS_PORT ?? 4110);
export const emulatorUrl = `http://127.0.0.1:${EMULATOR_ENOS_PORT}`;
/** Where scripts/start.ts copies the console's output during e2e runs (relative to the project root). */
export const CONSOLE_LOG_FILE = `.data/e2e-logs/console-${E2E_PORT}.log`;
/** Where the console under test is built (playwright.config.ts passes it to the server as NEXT_DIST_DIR). */
export const E2E_NEXT_DIST_DIR = process.env.E2E_NEXT_DIST_DIR || ".next-e2e";
/** playwright.config.ts puts the Alibaba port 10 above the EnOS one */
export const aliyunEmulatorUrl = `http://127.0.0.1:${EMULATOR_ENOS_PORT + 10}`;

export const DEMO_USERS = {
  admin: { email: "admin@example.com", password: "admin-demo-1234" },
  engineer: { email: "engineer@example.com", password: "engineer-demo-1234" },
  manager: { email: "manager@example.com", password: "manager-demo-1234" },
  product: { email: "product@example.com", password: "product-demo-1234" },
} as const;

let clientNo = 0;

/**
 * Signs in as a demo user. Each test browses as a client address of its own (X-Forwarded-For, as
 * behind a reverse proxy), so the whole suite's sign-ins never trip the per-address sign-in limit
 * that the security spec proves.
 */
export async function login(page: Page, role: keyof typeof DEMO_USERS): Promise<void> {
  const user = DEMO_USERS[role];
  clientNo += 1;
  // an address from the IPv6 documentation prefix: only a header, never a network destination. Its
  // own /64 per sign-in: Better Auth counts IPv6 clients per /64 network, not per address.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `2001:db8:${(process.pid % 0xffff).toString(16)}:${clientNo.toString(16)}::1` });
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user-email")).toHaveText(user.email);
}

/** From the connections page to a device's page, the way a user gets there. */
export async function openDevice(
  page: Page,
  deviceKey: string,
  opts: { connection?: RegExp; name?: string } = {},
): Promise<void> {
  const name = opts.name ?? deviceKey.replace("pump-", "Pump ");
  await page.goto("/connections");
  await page.getByRole("link", { name: opts.connection ?? /Demo EnOS \(/ }).first().click();
  await page.getByLabel("Search devices").fill(deviceKey);
  await expect(page).toHaveURL(new RegExp(`q=${deviceKey}`));
  await page.getByRole("link", { name, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
}

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
}

export async function emulatorRequests(since = 0): Promise<LoggedRequest[]> {
  const res = await fetch(`${emulatorUrl}/_emulator/requests?since=${since}`);
  expect(res.ok).toBe(true);
  return ((await res.json()) as { requests: LoggedRequest[] }).requests;
}

export async function lastSeq(): Promise<number> {
  const all = await emulatorRequests();
  return all.at(-1)?.seq ?? 0;
}

export async function setDevice(
  productKey: string,
  deviceKey: string,
  state: Record<string, unknown>,
  base = emulatorUrl,
): Promise<void> {
  const res = await fetch(`${base}/_emulator/devices/${productKey}/${deviceKey}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(state),
  });
  expect(res.ok).toBe(true);
}

// The demo EnOS app (emulator/seed.json), to ask the emulator what it holds, as a platform client would.
const DEMO_APP = { accessKey: "demo-enos-access-key", secretKey: "demo-enos-secret-key", orgId: "o15000000000001" };
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

/** A command as the emulator's `commands?action=get` returns it (signed like any EnOS client). */
export async function enosCommand(productKey: string, deviceKey: string, commandId: string): Promise<{ state: number }> {
  const ts = Date.now();
  const tokenRes = await fetch(`${emulatorUrl}/apim-token-service/v2.0/token/get`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ appKey: DEMO_APP.accessKey, timestamp: ts, encryption: sha256(`${DEMO_APP.accessKey}${ts}${DEMO_APP.secretKey}`) }),
  });
  const token = ((await tokenRes.json()) as { data: { accessToken: string } }).data.accessToken;
  const query: Record<string, string> = { action: "get", orgId: DEMO_APP.orgId, productKey, deviceKey, commandId };
  const params = Object.keys(query).sort().map((k) => `${k}${query[k]}`).join("");
  const callTs = String(Date.now());
  const res = await fetch(`${emulatorUrl}/connect-service/v2.1/commands?${new URLSearchParams(query)}`, {
    headers: {
      "apim-accesstoken": token,
      "apim-timestamp": callTs,
      "apim-signature": sha256(`${token}${params}${callTs}${DEMO_APP.secretKey}`),
    },
  });
  const body = (await res.json()) as { code: number; msg: string; data: { state: number } };
  expect(body.code, body.msg).toBe(0);
  return body.data;
}
