// form_render: how the invoke form copes with a big service. The benchmark's emulator seed is the
// demo seed plus product `benchBig` (device `big-001`), whose service `bigConfigure` repeats every
// input of demoRig's `configure` (all EnOS types, a STRUCT with nested members, ARRAYs) ten times.
// Measured in chromium on the production build, per page load:
//   server_ms       request to the last byte of the page's HTML (server render, streamed)
//   interactive_ms  navigation start to the form being hydrated (its Invoke button has React's handlers)
//   keystroke_ms    one input event in a text field of the big form until React has re-rendered
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { summarize } from "./stats";

const COPIES = 10;
export const BIG_SERVICE = { productKey: "benchBig", deviceKey: "big-001", identifier: "bigConfigure", inputs: 0 };

interface SeedJson {
  enos: { products: { productKey: string; modelId: string; thingModel: Record<string, unknown> & { services: Record<string, { inputData: { identifier: string }[] }> } }[]; devices: Record<string, unknown>[] };
}

/** Writes the benchmark seed (demo seed + the big service) and returns its path. */
export function writeBenchSeed(root: string, file: string): string {
  const seed = JSON.parse(readFileSync(path.join(root, "emulator/seed.json"), "utf8")) as SeedJson;
  const rig = seed.enos.products.find((p) => p.productKey === "demoRig");
  const configure = rig?.thingModel.services.configure;
  if (!rig || !configure) throw new Error("emulator/seed.json has no demoRig configure service to build the big form from");
  const inputData = Array.from({ length: COPIES }, (_, n) => configure.inputData.map((p) => ({ ...p, identifier: `${p.identifier}_${n + 1}` }))).flat();
  BIG_SERVICE.inputs = inputData.length;
  const big = structuredClone(configure) as Record<string, unknown>;
  Object.assign(big, { identifier: BIG_SERVICE.identifier, inputData, name: { defaultValue: "Big configure", i18nValue: { en_US: "Big configure" } } });
  seed.enos.products.push({
    ...structuredClone(rig),
    productKey: BIG_SERVICE.productKey,
    modelId: "bench_big",
    thingModel: { ...structuredClone(rig.thingModel), modelId: "bench_big", services: { [BIG_SERVICE.identifier]: big } as SeedJson["enos"]["products"][number]["thingModel"]["services"] },
  });
  seed.enos.devices.push({
    productKey: BIG_SERVICE.productKey,
    deviceKey: BIG_SERVICE.deviceKey,
    assetId: "AsBig001",
    deviceSecret: "big-001-secret",
    deviceName: { defaultValue: "Big device 001", i18nValue: { en_US: "Big device 001" } },
    timezone: "+08:00",
    online: true,
    activated: true,
  });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(seed));
  return file;
}

export interface FormRenderOptions {
  url: string;
  /** `name=value` of the session cookie */
  cookie: string;
  connectionId: string;
  loads: number;
}

export async function measureFormRender(opts: FormRenderOptions): Promise<Record<string, number>> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  try {
    const context = await browser.newContext();
    const [name, ...value] = opts.cookie.split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url: opts.url }]);
    const page = await context.newPage();
    const target = `${opts.url}/connections/${opts.connectionId}/devices/${BIG_SERVICE.productKey}/${BIG_SERVICE.deviceKey}?service=${BIG_SERVICE.identifier}`;
    const server: number[] = [];
    const interactive: number[] = [];
    const keystroke: number[] = [];
    let fields = 0;
    for (let i = 0; i <= opts.loads; i++) {
      await page.goto(target, { waitUntil: "commit" });
      const ready = await page.waitForFunction(
        () => {
          const button = [...document.querySelectorAll("button[type=submit]")].find((b) => b.textContent?.includes("Invoke"));
          if (!button || !Object.keys(button).some((k) => k.startsWith("__reactProps"))) return null;
          return performance.now();
        },
        undefined,
        { timeout: 30_000, polling: 10 },
      );
      const readyAt = (await ready.jsonValue()) as number;
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return { server: n.responseEnd - n.requestStart, fields: document.querySelectorAll("form input, form select, form textarea, form [role=combobox]").length };
      });
      fields = nav.fields;
      const typed = await page.evaluate(async () => {
        const input = document.querySelector<HTMLInputElement>("form input[type=text], form input:not([type])");
        if (!input) return [];
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
        const out: number[] = [];
        for (let k = 0; k < 10; k++) {
          const t0 = performance.now();
          setValue.call(input, `bench ${k}`);
          input.dispatchEvent(new Event("input", { bubbles: true }));
          await new Promise((r) => setTimeout(r, 0));
          out.push(performance.now() - t0);
        }
        return out;
      });
      if (i === 0) continue; // the first load warms the server's caches (device, thing model)
      server.push(nav.server);
      interactive.push(readyAt);
      keystroke.push(...typed);
    }
    if (!keystroke.length) throw new Error("no text field found in the big form");
    return {
      inputs: BIG_SERVICE.inputs,
      fields,
      server_p50_ms: summarize(server).p50,
      interactive_p50_ms: summarize(interactive).p50,
      interactive_max_ms: summarize(interactive).max,
      keystroke_p50_ms: summarize(keystroke).p50,
      keystroke_p95_ms: summarize(keystroke).p95,
    };
  } finally {
    await browser.close();
  }
}
