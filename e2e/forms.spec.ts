import { expect, test, type Page } from "@playwright/test";
import { aliyunEmulatorUrl, emulatorRequests, lastSeq, login, openDevice, type LoggedRequest } from "./support";

// Local times below are Shanghai's (UTC+8), whatever the machine's zone is.
test.use({ timezoneId: "Asia/Shanghai" });
const MAY_6_1030_SHANGHAI = Date.UTC(2024, 4, 6, 2, 30);

const RIG = { name: "Test rig 001" };

async function openService(page: Page, link: RegExp): Promise<void> {
  await page.getByRole("navigation", { name: "Services" }).getByRole("link", { name: link }).click();
  await expect(page).toHaveURL(/service=/);
}

async function addItems(page: Page, array: RegExp, label: string, values: string[]): Promise<void> {
  const group = page.getByRole("group", { name: array });
  for (const [i, v] of values.entries()) {
    await group.getByRole("button", { name: "Add item" }).click();
    await page.getByLabel(`${label} ${i + 1}`, { exact: true }).fill(v);
  }
}

test("a struct holding an enum, a bool and an array of floats is filled through the form and reaches EnOS as chosen", async ({ page }) => {
  await login(page, "engineer");
  await openDevice(page, "rig-001", RIG);
  await openService(page, /Configure/);

  await page.getByLabel("Mode", { exact: true }).selectOption({ label: "Run (1)" });
  await page.getByRole("radiogroup", { name: "Enabled" }).getByLabel("Off").check();
  await addItems(page, /^Setpoints/, "Setpoints", ["21.5", "22", "99"]);
  const setpoints = page.getByRole("group", { name: /^Setpoints/ });
  await setpoints.getByRole("button", { name: "Remove item 3" }).click();
  await setpoints.getByRole("button", { name: "Move item 2 up" }).click();
  await expect(setpoints).toContainText("2 items");
  await page.getByLabel("Level", { exact: true }).selectOption({ label: "High (high)" });
  await page.getByLabel("Gain", { exact: true }).fill("1.5");
  await page.getByLabel("Speed", { exact: true }).fill("1500");
  await page.getByLabel("Mix ratio", { exact: true }).fill("0.25");
  await page.getByLabel("Power limit", { exact: true }).fill("2.5");
  await page.getByLabel("Start date", { exact: true }).fill("2024-05-06");
  await page.getByLabel("Start time", { exact: true }).fill("2024-05-06T10:30");
  await expect(page.getByText(`${MAY_6_1030_SHANGHAI} ms`)).toBeVisible();
  await page.getByLabel("Note", { exact: true }).fill("e2e 配置");
  await expect(page.getByText("6 / 32")).toBeVisible();
  await addItems(page, /^Tags/, "Tags", ["alpha", "beta"]);

  const since = await lastSeq();
  await page.getByRole("button", { name: "Invoke" }).click();
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");

  const calls = (await emulatorRequests(since)).filter((r) => r.query.action === "invokeService");
  expect(calls).toHaveLength(1);
  expect(JSON.parse(calls[0]!.body)).toEqual({
    inputData: {
      config: { mode: 1, enabled: false, setpoints: [22, 21.5], level: "high", gain: 1.5 },
      speed: 1500,
      ratio: 0.25,
      power: 2.5,
      startDate: "2024-05-06",
      startAt: MAY_6_1030_SHANGHAI,
      note: "e2e 配置",
      tags: ["alpha", "beta"],
    },
  });

  // the device echoes the values; the output is shown by the output params
  const output = page.getByTestId("output-table");
  await expect(output.locator('tr[data-path="config.mode"]')).toContainText("1 (Run)");
  await expect(output.locator('tr[data-path="config.enabled"]')).toContainText("false (Off)");
  await expect(output.locator('tr[data-path="config.setpoints"]')).toContainText("22, 21.5");
  await expect(output.locator('tr[data-path="config.setpoints"]')).toContainText("°C");
  await expect(output.locator('tr[data-path="power"]')).toContainText("kW");
  await expect(output.locator('tr[data-path="startAt"]')).toContainText("2024-05-06 02:30:00.000 UTC");
});

test("a value broken in the JSON view shows on its field; fixed in the form, the JSON follows", async ({ page }) => {
  await login(page, "engineer");
  await openDevice(page, "rig-001", RIG);
  await openService(page, /Configure/);
  await page.getByLabel("Speed", { exact: true }).fill("1500");

  await page.getByRole("tab", { name: "JSON" }).click();
  const json = page.getByTestId("input-json");
  await expect(json).toHaveValue(/"speed": 1500/);
  const text = await json.inputValue();

  // text that is not JSON: a message with the place, and the form is not shown until it is fixed
  await json.fill(text.replace('"speed": 1500', '"speed": 15,,'));
  await expect(page.getByTestId("input-json-status")).toContainText("Not valid JSON at line");
  await page.getByRole("tab", { name: "Form" }).click();
  await expect(page.getByTestId("input-editor-refusal")).toContainText("not valid");
  await expect(page.getByRole("tab", { name: "JSON" })).toHaveAttribute("aria-selected", "true");

  // valid JSON with a wrong value: listed here, then marked on the field
  await json.fill(text.replace('"speed": 1500', '"speed": "fast"'));
  await expect(page.getByTestId("input-json-issues")).toContainText("speed must be a 32-bit integer");
  await page.getByRole("tab", { name: "Form" }).click();
  const speed = page.getByLabel("Speed", { exact: true });
  await expect(speed).toHaveValue("fast");
  await expect(page.locator("#root_speed__error")).toHaveText("must be a 32-bit integer");

  await speed.fill("1800");
  await expect(page.locator("#root_speed__error")).toHaveCount(0);
  await page.getByRole("tab", { name: "JSON" }).click();
  await expect(json).toHaveValue(/"speed": 1800/);
  await expect(page.getByTestId("input-json-issues")).not.toContainText("speed");
});

test("a malformed part of a model becomes a JSON field with a warning, and the server receives the parsed value", async ({ page }) => {
  await login(page, "engineer");
  await openDevice(page, "rig-001", RIG);
  await openService(page, /Calibrate/);
  await expect(page.getByRole("note").filter({ hasText: "could not be read" })).toContainText("Input “table”: dataDefinition is not valid JSON");
  await expect(page.getByText("The model could not be read here (dataDefinition is not valid JSON)")).toBeVisible();

  await page.getByLabel("Offset", { exact: true }).fill("0.5");
  const table = page.getByLabel("Calibration table", { exact: true });
  await table.fill('{"points": [1, 2.5]');
  await expect(page.getByText(/Not valid JSON at line 1, column 20/)).toBeVisible();
  await table.fill('{"points": [1, 2.5]}');
  await page.getByLabel("Profile", { exact: true }).fill("3");

  const since = await lastSeq();
  await page.getByRole("button", { name: "Invoke" }).click();
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  const calls = (await emulatorRequests(since)).filter((r) => r.query.action === "invokeService");
  expect(JSON.parse(calls[0]!.body)).toEqual({ inputData: { offset: 0.5, table: { points: [1, 2.5] }, profile: 3 } });
});

test("on Alibaba the same form sends floats with a decimal point, bools as 0/1 and dates as epoch-ms strings", async ({ page }) => {
  await login(page, "engineer");
  await openDevice(page, "lamp-001", { connection: /Demo Alibaba Cloud IoT/, name: "lamp-001" });
  await openService(page, /lampFb:calibrate/);

  await page.getByLabel("Offset", { exact: true }).fill("10");
  await page.getByLabel("Factor", { exact: true }).fill("2");
  await page.getByLabel("X", { exact: true }).fill("3");
  await page.getByLabel("Y", { exact: true }).fill("4");
  await addItems(page, /^Points/, "Points", ["1", "2.5"]);
  await page.getByLabel("Label", { exact: true }).fill("e2e");
  await page.getByLabel("When", { exact: true }).fill("2024-05-06T10:30");
  await page.getByRole("radiogroup", { name: "Enabled" }).getByLabel("on").check();

  const before = await aliyunRequests();
  await page.getByRole("button", { name: "Invoke" }).click();
  await expect(page.getByTestId("invocation-status")).toHaveText("SUCCEEDED");
  const calls = (await aliyunRequests()).filter((r) => r.seq > (before.at(-1)?.seq ?? 0) && r.query.Identifier === "lampFb:calibrate");
  expect(calls).toHaveLength(1);
  expect(calls[0]!.query.Args).toBe(
    `{"offset":10.0,"factor":2.0,"zone":{"x":3.0,"y":4},"points":[1.0,2.5],"label":"e2e","when":"${MAY_6_1030_SHANGHAI}","enabled":1}`,
  );
  await expect(page.getByTestId("output-table").locator('tr[data-path="zone.x"]')).toContainText("3");
});

async function aliyunRequests(): Promise<LoggedRequest[]> {
  const res = await fetch(`${aliyunEmulatorUrl}/_emulator/requests`);
  expect(res.ok).toBe(true);
  return ((await res.json()) as { requests: LoggedRequest[] }).requests;
}
