// The emulator's seed: platform records in the platforms' own model formats (EnOS ThingModel,
// Alibaba TSL), so a real model exported from a platform can be dropped in unchanged. Objects are
// "loose": fields the emulator does not use are kept and served back as they are.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { checkAliyunSeed } from "./aliyun/catalog";
import { TslError } from "./aliyun/tsl";
import { compileThingModel, ModelError } from "./enos/thing-model";

const StringI18n = z.looseObject({
  defaultValue: z.string(),
  i18nValue: z.record(z.string(), z.string()).optional(),
});

export const ENOS_DATA_TYPES = [
  "ARRAY", "BOOL", "DATE", "ENUM", "INT", "FLOAT", "DOUBLE", "STRUCT", "STRING", "TIMESTAMP", "FILE",
] as const;

const ThingDatapoint = z.looseObject({
  identifier: z.string().min(1),
  name: StringI18n.optional(),
  dataType: z.enum(ENOS_DATA_TYPES),
  // documented as a JSON string; real models also carry an object or nothing
  dataDefinition: z.union([z.string(), z.record(z.string(), z.unknown()), z.null()]).optional(),
  unit: z.unknown().optional(),
});

const ThingService = z.looseObject({
  identifier: z.string().min(1),
  name: StringI18n.optional(),
  inputData: z.array(ThingDatapoint).default([]),
  outputData: z.array(ThingDatapoint).default([]),
  callType: z.string().optional(),
});

const ThingModel = z.looseObject({
  modelId: z.string().min(1),
  name: StringI18n.optional(),
  services: z.record(z.string(), ThingService).default({}),
});

const EnosSeed = z.object({
  apps: z.array(z.object({ accessKey: z.string().min(1), secretKey: z.string().min(1), orgId: z.string().min(1) })),
  products: z.array(
    z.looseObject({
      orgId: z.string().min(1),
      productKey: z.string().min(1),
      productName: StringI18n.optional(),
      modelId: z.string().min(1),
      thingModel: ThingModel,
    }),
  ),
  devices: z.array(
    z.looseObject({
      productKey: z.string().min(1),
      deviceKey: z.string().min(1),
      assetId: z.string().min(1),
      deviceSecret: z.string().min(1),
      deviceName: StringI18n.optional(),
      timezone: z.string().default("+08:00"),
      online: z.boolean().default(true),
      activated: z.boolean().default(true),
    }),
  ),
});

const AliyunSeed = z.object({
  accounts: z.array(
    z.object({
      accessKeyId: z.string().min(1),
      accessKeySecret: z.string().min(1),
      regionId: z.string().min(1),
      iotInstanceId: z.string().nullable().default(null),
    }),
  ),
  products: z.array(
    z.looseObject({
      productKey: z.string().min(1),
      productName: z.string().optional(),
      tsl: z.looseObject({ profile: z.looseObject({ productKey: z.string() }).optional() }),
    }),
  ),
  devices: z.array(
    z.looseObject({
      productKey: z.string().min(1),
      deviceName: z.string().min(1),
      iotId: z.string().min(1),
      deviceSecret: z.string().min(1),
      online: z.boolean().default(true),
    }),
  ),
});

const EMPTY_ENOS = { apps: [], products: [], devices: [] };
const EMPTY_ALIYUN = { accounts: [], products: [], devices: [] };

export const SeedSchema = z.object({
  enos: EnosSeed.default(EMPTY_ENOS),
  aliyun: AliyunSeed.default(EMPTY_ALIYUN),
});

/** What a caller may pass (defaults not yet applied). */
export type SeedInput = z.input<typeof SeedSchema>;
/** A validated seed. */
export type Seed = z.output<typeof SeedSchema>;
export type EnosSeedProduct = Seed["enos"]["products"][number];
export type EnosSeedDevice = Seed["enos"]["devices"][number];
export type EnosSeedApp = Seed["enos"]["apps"][number];
export type AliyunSeedDevice = Seed["aliyun"]["devices"][number];
export type EnosThingDatapoint = z.output<typeof ThingDatapoint>;

export class SeedError extends Error {
  constructor(source: string, problem: string) {
    super(`Invalid emulator seed (${source}): ${problem}`);
    this.name = "SeedError";
  }
}

/** "enos.devices[3].deviceKey" from a zod issue path. */
export function formatPath(parts: readonly PropertyKey[]): string {
  return parts
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("");
}

/** Validates a seed; throws SeedError naming the first bad path. */
export function validateSeed(input: unknown, source: string): Seed {
  const parsed = SeedSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? formatPath(issue.path) || "(root)" : "(root)";
    throw new SeedError(source, `${where}: ${issue?.message ?? "invalid"}`);
  }
  checkReferences(parsed.data, source);
  return parsed.data;
}

// Zod checks shapes; these are the cross-record rules a request handler relies on.
function checkReferences(seed: Seed, source: string): void {
  const products = new Map(seed.enos.products.map((p) => [p.productKey, p]));
  seed.enos.products.forEach((p, i) => {
    try {
      compileThingModel(p.thingModel);
    } catch (e) {
      if (e instanceof ModelError) throw new SeedError(source, `enos.products[${i}].thingModel.${e.message}`);
      throw e;
    }
  });
  const seen = new Set<string>();
  seed.enos.devices.forEach((d, i) => {
    if (!products.has(d.productKey)) throw new SeedError(source, `enos.devices[${i}].productKey: unknown product ${d.productKey}`);
    for (const key of [`k:${d.productKey}/${d.deviceKey}`, `a:${d.assetId}`]) {
      if (seen.has(key)) throw new SeedError(source, `enos.devices[${i}]: duplicate device ${key.slice(2)}`);
      seen.add(key);
    }
  });
  const aliProducts = new Set(seed.aliyun.products.map((p) => p.productKey));
  seed.aliyun.devices.forEach((d, i) => {
    if (!aliProducts.has(d.productKey)) throw new SeedError(source, `aliyun.devices[${i}].productKey: unknown product ${d.productKey}`);
  });
  try {
    checkAliyunSeed(seed);
  } catch (e) {
    if (e instanceof TslError) throw new SeedError(source, `aliyun.${e.message}`);
    throw e;
  }
}

export async function loadSeedFile(file: string): Promise<Seed> {
  const resolved = path.resolve(file);
  let text: string;
  try {
    text = await readFile(resolved, "utf8");
  } catch (e) {
    throw new SeedError(resolved, `cannot read the file (${(e as Error).message}); set EMULATOR_SEED to a seed JSON file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SeedError(resolved, `not valid JSON (${(e as Error).message})`);
  }
  return validateSeed(json, resolved);
}
