import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileThingModel, modelProblems } from "./enos/thing-model";
import { loadSeedFile, SeedError, validateSeed } from "./seed";

const SEED_FILE = path.join(import.meta.dirname, "seed.json");
const raw = () => JSON.parse(readFileSync(SEED_FILE, "utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("demo seed", () => {
  it("validates and holds the values the rest of the project relies on", async () => {
    const seed = await loadSeedFile(SEED_FILE);
    expect(seed.enos.apps).toEqual([
      { accessKey: "demo-enos-access-key", secretKey: "demo-enos-secret-key", orgId: "o15000000000001" },
    ]);
    const product = seed.enos.products[0];
    expect(product?.productKey).toBe("demoPump");
    expect(Object.keys(product?.thingModel.services ?? {})).toEqual(["reboot", "setMode", "getStatus"]);
    expect(product?.thingModel.services.reboot?.outputData[0]?.dataDefinition).toBe('{"maxLength":64}');
    // other products (the test rig, the security probe) come and go; the demo pumps stay twelve
    expect(seed.enos.devices.filter((d) => d.productKey === "demoPump")).toHaveLength(12);
    const state = (dk: string) => seed.enos.devices.find((d) => d.deviceKey === dk);
    expect(state("pump-001")).toMatchObject({ assetId: "AsPump001", deviceSecret: "pump-001-secret", online: true, activated: true });
    expect(state("pump-002")).toMatchObject({ online: false, activated: true });
    expect(state("pump-003")).toMatchObject({ online: false, activated: false });
    expect(state("pump-012")?.deviceName).toEqual({ defaultValue: "Pump 012", i18nValue: { en_US: "Pump 012", zh_CN: "水泵 012" } });
    expect(seed.aliyun.devices[0]).toMatchObject({ productKey: "a1DemoLamp", deviceName: "lamp-001", iotId: "lampIotId0000000001" });
  });
});

describe("validateSeed", () => {
  it("names the bad path", () => {
    const bad = raw();
    bad.enos.devices[3].deviceKey = 42;
    expect(() => validateSeed(bad, "test.json")).toThrow(SeedError);
    expect(() => validateSeed(bad, "test.json")).toThrow(/^Invalid emulator seed \(test\.json\): enos\.devices\[3\]\.deviceKey: /);
  });

  it("loads a thing model with a malformed dataDefinition, naming the part it cannot check", () => {
    const bad = raw();
    bad.enos.products[0].thingModel.services.reboot.outputData[0].dataDefinition = "{maxLength:64}";
    const seed = validateSeed(bad, "t");
    expect(modelProblems(compileThingModel(seed.enos.products[0]!.thingModel))).toEqual([
      "services.reboot.outputData[0].dataDefinition: not valid JSON",
    ]);
  });

  it("leaves a STRUCT with a member it cannot read unchecked", () => {
    const bad = raw();
    bad.enos.products[0].thingModel.services.reboot.inputData[0] = {
      identifier: "box",
      dataType: "STRUCT",
      dataDefinition: { items: [{ dataType: "INT" }] },
    };
    const seed = validateSeed(bad, "t");
    expect(modelProblems(compileThingModel(seed.enos.products[0]!.thingModel))).toEqual([
      "services.reboot.inputData[0].dataDefinition.items[0].identifier: must be a non-empty string",
    ]);
  });

  it("refuses a device of an unknown product and duplicate devices", () => {
    const unknown = raw();
    unknown.enos.devices[0].productKey = "nope";
    expect(() => validateSeed(unknown, "t")).toThrow("enos.devices[0].productKey: unknown product nope");
    const dup = raw();
    dup.enos.devices[1].assetId = "AsPump001";
    expect(() => validateSeed(dup, "t")).toThrow("enos.devices[1]: duplicate device AsPump001");
  });

  it("fills defaults (online, activated, missing platform sections)", () => {
    const seed = validateSeed(
      { enos: { apps: [], products: [raw().enos.products[0]], devices: [{ productKey: "demoPump", deviceKey: "d", assetId: "a", deviceSecret: "s" }] } },
      "t",
    );
    expect(seed.enos.devices[0]).toMatchObject({ online: true, activated: true, timezone: "+08:00" });
    expect(seed.aliyun).toEqual({ accounts: [], products: [], devices: [] });
  });

  it("reports an unreadable file with the fix", async () => {
    await expect(loadSeedFile("/nonexistent/seed.json")).rejects.toThrow("set EMULATOR_SEED");
  });
});

describe("demo test rig", () => {
  it("has a service covering every EnOS data type and one with malformed parts", async () => {
    const seed = await loadSeedFile(SEED_FILE);
    const rig = seed.enos.products.find((p) => p.productKey === "demoRig");
    expect(rig?.modelId).toBe("demo_rig");
    const services = compileThingModel(rig!.thingModel);
    const types = new Set<string>();
    const visit = (specs: readonly { type: string; items?: unknown; itemType?: string }[]) => {
      for (const s of specs) {
        types.add(s.type);
        if (s.itemType) types.add(s.itemType);
        if (Array.isArray(s.items)) visit(s.items as never);
      }
    };
    visit(services.get("configure")!.inputs);
    expect([...types].sort()).toEqual(["ARRAY", "BOOL", "DATE", "DOUBLE", "ENUM", "FILE", "FLOAT", "INT", "STRING", "STRUCT", "TIMESTAMP"]);
    expect(modelProblems(services)).toEqual([
      "services.calibrate.inputData[1].dataDefinition: not valid JSON",
      "services.calibrate.inputData[2].dataDefinition.enumDesc: must be an object of value -> StringI18n",
      "services.calibrate.outputData[1].dataDefinition: not valid JSON",
    ]);
    expect(seed.enos.devices.find((d) => d.deviceKey === "rig-001")).toMatchObject({
      productKey: "demoRig",
      assetId: "AsRig001",
      deviceSecret: "rig-001-secret",
      online: true,
      activated: true,
    });
  });
});
