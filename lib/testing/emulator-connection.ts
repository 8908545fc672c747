// A connection row that points at a test's own emulator, with the emulator seed's demo credentials.
import { randomUUID } from "node:crypto";
import type { RunningEmulator } from "../../emulator/index";
import { loadSecretKey, seal } from "../crypto/seal";
import type { PrismaClient } from "../generated/prisma/client";
import type { PlatformId } from "../platforms/types";

export const DEMO_ORG = "o15000000000001";

export interface EmulatorConnectionOptions {
  /** default enos */
  platform?: PlatformId;
  /** default `it-<random>` */
  name?: string;
  /** the secret to seal instead of the demo one (e.g. a wrong one) */
  secret?: string;
}

/** Creates the connection and returns its id. */
export async function createEmulatorConnection(prisma: PrismaClient, emu: Pick<RunningEmulator, "enosUrl" | "aliyunUrl">, opts: EmulatorConnectionOptions = {}): Promise<string> {
  const platform = opts.platform ?? "enos";
  const aliyun = platform === "aliyun";
  const row = await prisma.connection.create({
    data: {
      name: opts.name ?? `it-${randomUUID().slice(0, 8)}`,
      platform,
      endpoint: aliyun ? emu.aliyunUrl : emu.enosUrl,
      orgId: aliyun ? null : DEMO_ORG,
      regionId: aliyun ? "cn-shanghai" : null,
      accessKey: aliyun ? "demo-ali-access-key-id" : "demo-enos-access-key",
      secretSealed: seal(opts.secret ?? (aliyun ? "demo-ali-access-key-secret" : "demo-enos-secret-key"), loadSecretKey()),
    },
  });
  return row.id;
}
