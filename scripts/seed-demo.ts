// Demo and environment-configured connections, written at start-up (idempotent).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { loadSecretKey, seal } from "../lib/crypto/seal";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

interface DemoSeed {
  enos?: { apps?: { accessKey: string; secretKey: string; orgId: string }[] };
  aliyun?: { accounts?: { accessKeyId: string; accessKeySecret: string; regionId: string; iotInstanceId?: string | null }[] };
}

export const DEMO_ENOS_CONNECTION = "Demo EnOS (emulator)";
export const DEMO_ENOS_LEGACY_CONNECTION = "Demo EnOS Data Service (emulator)";
export const DEMO_ALIYUN_CONNECTION = "Demo Alibaba Cloud IoT (emulator)";

/** Connection rows for the emulator's demo accounts, pointing at the ports it runs on now. */
export async function ensureDemoConnections(
  prisma: PrismaClient,
  urls: { enosUrl: string; aliyunUrl: string },
  seedPath = process.env.EMULATOR_SEED ?? path.join(root, "emulator/seed.json"),
): Promise<string[]> {
  const seed = JSON.parse(readFileSync(seedPath, "utf8")) as DemoSeed;
  const names: string[] = [];
  const app = seed.enos?.apps?.[0];
  if (app) {
    const enos = { endpoint: urls.enosUrl, orgId: app.orgId, accessKey: app.accessKey, secretKey: app.secretKey, isDemo: true };
    await upsertConnection(prisma, { name: DEMO_ENOS_CONNECTION, platform: "enos", ...enos });
    await upsertConnection(prisma, { name: DEMO_ENOS_LEGACY_CONNECTION, platform: "enos-legacy", ...enos });
    names.push(DEMO_ENOS_CONNECTION, DEMO_ENOS_LEGACY_CONNECTION);
  }
  const account = seed.aliyun?.accounts?.[0];
  if (account) {
    await upsertConnection(prisma, {
      name: DEMO_ALIYUN_CONNECTION,
      platform: "aliyun",
      endpoint: urls.aliyunUrl,
      regionId: account.regionId,
      instanceId: account.iotInstanceId ?? null,
      accessKey: account.accessKeyId,
      secretKey: account.accessKeySecret,
      isDemo: true,
    });
    names.push(DEMO_ALIYUN_CONNECTION);
  }
  return names;
}

/**
 * Real accounts from the environment: ENOS_ENDPOINT, ENOS_ORG_ID, ENOS_ACCESS_KEY, ENOS_SECRET_KEY
 * (EnOS v2.1) and ALIYUN_REGION_ID, ALIYUN_ACCESS_KEY_ID, ALIYUN_ACCESS_KEY_SECRET, optional
 * ALIYUN_INSTANCE_ID and ALIYUN_ENDPOINT (Alibaba Cloud IoT).
 */
export async function ensureEnvConnections(prisma: PrismaClient, env = process.env): Promise<string[]> {
  const names: string[] = [];
  const enos = requireAll(env, "EnOS", ["ENOS_ENDPOINT", "ENOS_ORG_ID", "ENOS_ACCESS_KEY", "ENOS_SECRET_KEY"]);
  if (enos) {
    const name = env.ENOS_CONNECTION_NAME ?? "EnOS";
    await upsertConnection(prisma, {
      name,
      platform: "enos",
      endpoint: enos.ENOS_ENDPOINT!.replace(/\/+$/, ""),
      orgId: enos.ENOS_ORG_ID,
      accessKey: enos.ENOS_ACCESS_KEY!,
      secretKey: enos.ENOS_SECRET_KEY!,
      isDemo: false,
    });
    names.push(name);
  }
  const ali = requireAll(env, "Alibaba Cloud IoT", ["ALIYUN_REGION_ID", "ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET"]);
  if (ali) {
    const name = env.ALIYUN_CONNECTION_NAME ?? "Alibaba Cloud IoT";
    await upsertConnection(prisma, {
      name,
      platform: "aliyun",
      endpoint: env.ALIYUN_ENDPOINT ?? `https://iot.${ali.ALIYUN_REGION_ID}.aliyuncs.com`,
      regionId: ali.ALIYUN_REGION_ID,
      instanceId: env.ALIYUN_INSTANCE_ID || null,
      accessKey: ali.ALIYUN_ACCESS_KEY_ID!,
      secretKey: ali.ALIYUN_ACCESS_KEY_SECRET!,
      isDemo: false,
    });
    names.push(name);
  }
  return names;
}

/** All of the variables, none of them (null), or an error naming the missing ones. */
function requireAll(env: NodeJS.ProcessEnv, label: string, keys: string[]): Record<string, string> | null {
  const present = keys.filter((k) => env[k]);
  if (present.length === 0) return null;
  const missing = keys.filter((k) => !env[k]);
  if (missing.length) throw new Error(`A real ${label} connection needs ${missing.join(", ")} as well (set: ${present.join(", ")}).`);
  return Object.fromEntries(keys.map((k) => [k, env[k]!]));
}

export async function hasRealConnections(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.connection.count({ where: { isDemo: false, enabled: true } })) > 0;
}

interface ConnectionInput {
  name: string;
  platform: string;
  endpoint: string;
  orgId?: string | null;
  regionId?: string | null;
  instanceId?: string | null;
  accessKey: string;
  secretKey: string;
  isDemo: boolean;
}

async function upsertConnection(prisma: PrismaClient, c: ConnectionInput): Promise<void> {
  const { secretKey, ...rest } = c;
  const secretSealed = seal(secretKey, loadSecretKey());
  await prisma.connection.upsert({
    where: { name: c.name },
    create: { ...rest, secretSealed },
    update: { ...rest, secretSealed },
  });
}
