// Secrets never leave the server: an admin clicks through every page the console links to (and
// the admin pages' buttons), every response body the browser receives is kept (HTML, RSC payloads,
// server action results, API answers), and those, the server log, the built JS/CSS bundle and
// every row of every table are searched for the demo connections' secrets, the devices' secrets,
// CONSOLE_SECRET_KEY and BETTER_AUTH_SECRET.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { CONSOLE_LOG_FILE, E2E_NEXT_DIST_DIR, openDevice } from "./support";
import { leaks, openService, secretsToFind, signedIn, withDb } from "./security-support";

const MAX_PAGES = 60;
const PER_SHAPE = 4;

test("no secret appears in any page, RSC payload, action or API response, log line, bundle or table", async ({ browser }) => {
  test.setTimeout(240_000);
  const secrets = secretsToFind();
  const { context, page } = await signedIn(browser, "admin");
  const bodies: { url: string; text: string }[] = [];
  const reading: Promise<void>[] = [];
  page.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (/^(image|font|audio|video)\//.test(type)) return;
    reading.push(response.text().then((text) => void bodies.push({ url: response.url(), text }), () => undefined));
  });

  await useTheConsole(page);
  const visited = await crawl(page, ["/connections", "/history", "/admin/users", "/admin/connections", "/settings/tokens"]);
  await testEveryConnection(page);
  for (const api of ["/api/v1/invocations", "/api/v1/invocations/count", "/api/v1/invocations/export?format=jsonl", "/api/auth/get-session"]) {
    const res = await page.request.get(api);
    bodies.push({ url: api, text: await res.text() });
  }
  await Promise.all(reading);
  await context.close();

  expect(visited.length, "pages visited").toBeGreaterThan(10);
  expect(bodies.length, "responses captured").toBeGreaterThan(visited.length);
  const found = [
    ...bodies.flatMap((b) => leaks(b.text, `response ${b.url}`, secrets)),
    ...leaks(readFileSync(path.resolve(CONSOLE_LOG_FILE), "utf8"), "the server log", secrets),
    ...bundleFiles().flatMap((file) => leaks(readFileSync(file, "utf8"), file, secrets)),
    ...(await tableRows()).flatMap(([table, text]) => leaks(text, `table ${table}`, secrets)),
  ];
  expect(found).toEqual([]);
});

/** Makes the console do its work, so the history, the log and the responses have something in them. */
async function useTheConsole(page: Page): Promise<void> {
  await openDevice(page, "pump-001");
  await openService(page, /Get status/, "getStatus");
  await page.getByRole("button", { name: "Invoke" }).click();
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  // a failing call too: its error path must not echo credentials either
  await openDevice(page, "pump-002");
  await openService(page, /Get status/, "getStatus");
  await page.getByRole("button", { name: "Invoke" }).click();
  await expect(page.getByTestId("invocation-status")).toHaveText("FAILED");
}

// A page's shape: its path with ids and device keys blanked out. A few pages of each shape show
// what every page of that shape renders; visiting every device would take minutes and show nothing new.
function shapeOf(href: string): string {
  const segments = new URL(href, "http://x").pathname.split("/");
  const at = segments.indexOf("devices");
  return segments.map((s, i) => (/^[0-9a-f-]{36}$/.test(s) || (at >= 0 && i > at) ? "*" : s)).join("/");
}

/** Breadth-first over the console's own links, from `start`; returns the pages visited. */
async function crawl(page: Page, start: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue = [...start];
  while (queue.length && seen.size < MAX_PAGES) {
    const next = queue.shift()!;
    const shape = shapeOf(next);
    if (seen.has(next) || (shapes.get(shape) ?? 0) >= PER_SHAPE) continue;
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    seen.add(next);
    await page.goto(next);
    await page.waitForLoadState("networkidle");
    const hrefs = await page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs) {
      const url = new URL(href, "http://x");
      // one page per route shape is enough; paging and filter links would never end
      if (url.pathname.startsWith("/api/auth") || url.searchParams.has("page") || url.searchParams.has("cursor")) continue;
      if (!seen.has(href) && !queue.includes(href)) queue.push(href);
    }
  }
  return [...seen];
}

/** "Test connection" on every connection's edit page: the answer comes from the platform, with the stored secret. */
async function testEveryConnection(page: Page): Promise<void> {
  await page.goto("/admin/connections");
  const edits = await page.getByRole("table", { name: "Connections" }).locator("a[href^='/admin/connections/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  for (const href of edits) {
    await page.goto(href);
    await expect(page.getByLabel("Secret key")).toHaveValue("");
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]));
    await page.getByRole("button", { name: "Test connection" }).click();
    await answered;
  }
}

function bundleFiles(): string[] {
  const dir = path.resolve(E2E_NEXT_DIST_DIR, "static");
  const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)) : [path.join(d, f)]));
  const files = walk(dir).filter((f) => /\.(js|css|json|html|txt|map)$/.test(f));
  expect(files.length, `the built bundle in ${dir}`).toBeGreaterThan(5);
  return files;
}

async function tableRows(): Promise<[string, string][]> {
  return withDb(async (db) => {
    const tables = await db.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
    const out: [string, string][] = [];
    for (const { name } of tables.rows) {
      const rows = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${name}" t`);
      out.push([name, rows.rows.map((r) => r.row).join("\n")]);
    }
    return out;
  });
}
