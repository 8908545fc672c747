// Every data type, both platforms: a form value is validated with the form's schema, encoded for
// the wire, checked by the emulator as the platform would, echoed by its simulated device, and
// rendered against the output params. Runs the real adapters against the emulator (HTTP + MQTT).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { createAliyunAdapter } from "../platforms/aliyun/adapter";
import { createEnosAdapter } from "../platforms/enos/adapter";
import type { ConnectionConfig, DeviceSummary, PlatformAdapter } from "../platforms/types";
import { outputRows } from "./output";
import type { ServiceSpec } from "./types";
import { validateInput } from "./validate";

let emu: RunningEmulator;

interface Target {
  conn: ConnectionConfig;
  device: DeviceSummary;
  services: ServiceSpec[];
  adapter: PlatformAdapter;
}

async function target(adapter: PlatformAdapter, conn: ConnectionConfig, productKey: string, deviceKey: string): Promise<Target> {
  const device = await adapter.getDevice(conn, { productKey, deviceKey });
  return { conn, device, adapter, services: await adapter.listServices(conn, device) };
}

async function requests(base: string): Promise<{ query: Record<string, string>; headers: Record<string, string>; body: string }[]> {
  const res = await fetch(`${base}/_emulator/requests`);
  return ((await res.json()) as { requests: { query: Record<string, string>; headers: Record<string, string>; body: string }[] }).requests;
}

/** Validate like the server, invoke, and return the output as the result table shows it. */
async function roundTrip(t: Target, serviceId: string, input: Record<string, unknown>) {
  const service = t.services.find((s) => s.identifier === serviceId);
  if (!service) throw new Error(`no service ${serviceId}`);
  const checked = validateInput(service, input);
  expect(checked).toEqual({ ok: true, value: input });
  const outcome = await t.adapter.invoke(t.conn, { device: t.device, service, input, timeoutMs: 8_000 });
  expect(outcome).toMatchObject({ status: "SUCCEEDED" });
  const shown = Object.fromEntries(outputRows(outcome.output, service.outputs, "en-US").map((r) => [r.path, `${r.value}${r.unit ? ` ${r.unit}` : ""}`]));
  return { output: outcome.output, shown };
}

beforeAll(async () => {
  emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
});

afterAll(async () => {
  await emu?.stop();
});

describe("EnOS: every data type through the demo rig's configure service", () => {
  let rig: Target;
  beforeAll(async () => {
    const conn: ConnectionConfig = {
      id: "it-enos-forms",
      name: "IT EnOS forms",
      platform: "enos",
      endpoint: emu.enosUrl,
      orgId: "o15000000000001",
      accessKey: "demo-enos-access-key",
      secretKey: "demo-enos-secret-key",
    };
    rig = await target(createEnosAdapter(), conn, "demoRig", "rig-001");
  });

  const input = {
    config: { mode: 2, enabled: true, setpoints: [20, 21.5, -0.25], level: "low", gain: 1e-3, cycles: -7, label: "第一" },
    speed: 2147483647,
    ratio: 10,
    power: 2.25,
    startDate: "2024-02-29",
    startAt: 1714962600123,
    firmware: "ftp://a.com/demo.txt",
    note: "a \"quoted\" 😀 note",
    tags: ["alpha", ""],
  };

  it("reads the model with display names in both languages, units and required marks", () => {
    const configure = rig.services.find((s) => s.identifier === "configure");
    expect(configure?.name).toEqual({ default: "Configure", "en-US": "Configure", "zh-CN": "配置" });
    const config = configure?.inputs.find((p) => p.identifier === "config");
    expect(config?.members?.map((m) => [m.identifier, m.type, m.required])).toEqual([
      ["mode", "enum", true],
      ["enabled", "bool", true],
      ["setpoints", "array", true],
      ["level", "enum", false],
      ["gain", "double", false],
      ["cycles", "int", false],
      ["label", "string", false],
    ]);
    expect(configure?.inputs.map((p) => [p.identifier, p.type, p.required, p.unit?.id ?? null])).toEqual([
      ["config", "struct", true, null],
      ["speed", "int", true, "rpm"],
      ["ratio", "float", true, null],
      ["power", "double", true, "W"],
      ["startDate", "date", true, null],
      ["startAt", "timestamp", true, null],
      ["firmware", "file", false, null],
      ["note", "string", false, null],
      ["tags", "array", false, null],
    ]);
  });

  it("sends each value as the platform takes it and shows the echoed reply by the output params", async () => {
    const { output, shown } = await roundTrip(rig, "configure", input);
    const sent = (await requests(emu.enosUrl)).filter((r) => r.query.action === "invokeService").at(-1);
    expect(JSON.parse(sent!.body)).toEqual({ inputData: input });
    expect(output).toEqual(input);
    expect(shown).toEqual({
      config: "",
      "config.mode": "2 (Calibrate)",
      "config.enabled": "true (On)",
      "config.setpoints": "20, 21.5, -0.25 °C",
      "config.level": "low (Low)",
      "config.gain": "0.001 dB",
      "config.cycles": "-7",
      "config.label": "第一",
      speed: "2147483647 rpm",
      ratio: "10",
      power: "2.25 kW",
      startDate: "2024-02-29",
      startAt: "1714962600123 (2024-05-06 02:30:00.123 UTC)",
      firmware: "ftp://a.com/demo.txt",
      note: 'a "quoted" 😀 note',
      tags: 'alpha, ""',
    });
  });

  it("sends a malformed part's value as parsed JSON, which the platform passes on", async () => {
    const { output, shown } = await roundTrip(rig, "calibrate", { offset: 0.5, table: { points: [1, 2.5] }, profile: 3 });
    expect(output).toEqual({ offset: 0.5, table: { points: [1, 2.5] } });
    expect(shown).toEqual({ offset: "0.5 °C", table: '{"points":[1,2.5]}' });
  });

  it("refuses in the console what the platform refuses", async () => {
    const configure = rig.services.find((s) => s.identifier === "configure")!;
    for (const bad of [
      { ...input, startDate: "2023-02-29" },
      { ...input, startAt: -1 },
      { ...input, speed: 2147483648 },
      { ...input, note: "x".repeat(33) },
      { ...input, config: { ...input.config, mode: 3 } },
      { ...input, config: { ...input.config, setpoints: [1, "2"] } },
    ]) {
      expect(validateInput(configure, bad).ok).toBe(false);
      // sent anyway (the adapter does not validate), the emulator answers "Invalid Argument"
      const outcome = await rig.adapter.invoke(rig.conn, { device: rig.device, service: configure, input: bad, timeoutMs: 8_000 }).catch((e: unknown) => e);
      expect(JSON.stringify(outcome)).toMatch(/99400|Invalid Argument/);
    }
  });
});

describe("Alibaba: every TSL type through the lamp's calibrate module service", () => {
  let lamp: Target;
  beforeAll(async () => {
    const conn: ConnectionConfig = {
      id: "it-ali-forms",
      name: "IT Alibaba forms",
      platform: "aliyun",
      endpoint: emu.aliyunUrl,
      regionId: "cn-shanghai",
      instanceId: null,
      accessKey: "demo-ali-access-key-id",
      secretKey: "demo-ali-access-key-secret",
    };
    lamp = await target(createAliyunAdapter(), conn, "a1DemoLamp", "lamp-001");
  });

  it("sends floats with a decimal point, bools as 0/1, dates as epoch-ms strings, and renders the echo", async () => {
    const input = { offset: 10, factor: 2, zone: { x: 3, y: 4 }, points: [1, 2.5], label: "灯 \"1\"", when: 1714962600000, enabled: true };
    const { shown } = await roundTrip(lamp, "lampFb:calibrate", input);
    const sent = (await requests(emu.aliyunUrl)).filter((r) => r.query.Identifier === "lampFb:calibrate").at(-1);
    expect(sent?.query.Args).toBe(
      '{"offset":10.0,"factor":2.0,"zone":{"x":3.0,"y":4},"points":[1.0,2.5],"label":"灯 \\"1\\"","when":"1714962600000","enabled":1}',
    );
    expect(shown).toMatchObject({
      offset: "10 lx",
      factor: "2",
      zone: "",
      "zone.x": "3",
      "zone.y": "4",
    });
    expect(shown.applied).toMatch(/^(0 \(no\)|false \(no\)|1 \(yes\)|true \(yes\))$/);
  });

  it("sends an enum as its integer (async service: accepted, answered later)", async () => {
    const service = lamp.services.find((x) => x.identifier === "lampFb:applyProfile")!;
    const outcome = await lamp.adapter.invoke(lamp.conn, { device: lamp.device, service, input: { profile: 2, fade: 5 }, timeoutMs: 8_000 });
    expect(outcome.status).toBe("SENT");
    const sent = (await requests(emu.aliyunUrl)).filter((r) => r.query.Identifier === "lampFb:applyProfile").at(-1);
    expect(sent?.query.Args).toBe('{"profile":2,"fade":5}');
  });
});
