// Runtime state of every seeded device (both platforms): the behaviour tests can change through
// the control API, and the MQTT client that makes "online" real.
import { z } from "zod";
import type { PlatformName } from "./http/types";
import type { SimulatedDevice } from "./mqtt/simulated-device";
import type { Seed } from "./seed";

export interface ServiceFailure {
  code: number;
  message: string;
}

export interface Behaviour {
  online: boolean;
  activated: boolean;
  /** added before the device replies */
  latencyMs: number;
  /** serviceId -> the error reply the device sends instead of a result */
  fail: Record<string, ServiceFailure> | null;
  /** services the device receives but never answers */
  neverReply: string[];
}

export interface DeviceTimes {
  createTime: number;
  activeTime: number | null;
  lastOnlineTime: number | null;
  lastOfflineTime: number | null;
}

export interface DeviceRecord {
  platform: PlatformName;
  productKey: string;
  /** EnOS deviceKey, Alibaba deviceName */
  deviceKey: string;
  behaviour: Behaviour;
  times: DeviceTimes;
  /** its MQTT client, for platforms whose device protocol is emulated */
  sim: SimulatedDevice | null;
  /** serialises connect/disconnect so racing control calls end in the last requested state */
  queue: Promise<void>;
}

export const BehaviourPatch = z.strictObject({
  online: z.boolean().optional(),
  activated: z.boolean().optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  fail: z.record(z.string(), z.strictObject({ code: z.number().int(), message: z.string() })).nullable().optional(),
  neverReply: z.array(z.string()).optional(),
});
export type BehaviourPatch = z.infer<typeof BehaviourPatch>;

// Fixed creation times keep device search order (newest first) stable across runs.
const SEED_EPOCH = Date.UTC(2024, 0, 1);

interface SeedState {
  platform: PlatformName;
  productKey: string;
  deviceKey: string;
  online: boolean;
  activated: boolean;
}

function seedStates(seed: Seed): SeedState[] {
  return [
    ...seed.enos.devices.map((d) => ({ platform: "enos" as const, ...d })),
    ...seed.aliyun.devices.map((d) => ({
      platform: "aliyun" as const,
      productKey: d.productKey,
      deviceKey: d.deviceName,
      online: d.online,
      activated: true,
    })),
  ];
}

function initial(s: SeedState, index: number): Pick<DeviceRecord, "behaviour" | "times"> {
  const createTime = SEED_EPOCH + index * 60_000;
  return {
    behaviour: { online: s.online, activated: s.activated, latencyMs: 0, fail: null, neverReply: [] },
    times: {
      createTime,
      activeTime: s.activated ? createTime + 1000 : null,
      lastOnlineTime: null,
      lastOfflineTime: null,
    },
  };
}

export function deviceKeyOf(platform: PlatformName, productKey: string, deviceKey: string): string {
  return `${platform}/${productKey}/${deviceKey}`;
}

export class DeviceTable {
  private readonly records = new Map<string, DeviceRecord>();
  private readonly listeners = new Set<(rec: DeviceRecord) => void>();

  constructor(
    private readonly seed: Seed,
    makeSim: (platform: PlatformName, productKey: string, deviceKey: string) => SimulatedDevice | null,
  ) {
    seedStates(seed).forEach((s, i) => {
      const rec: DeviceRecord = {
        platform: s.platform,
        productKey: s.productKey,
        deviceKey: s.deviceKey,
        ...initial(s, i),
        sim: makeSim(s.platform, s.productKey, s.deviceKey),
        queue: Promise.resolve(),
      };
      this.records.set(deviceKeyOf(s.platform, s.productKey, s.deviceKey), rec);
    });
  }

  get(platform: PlatformName, productKey: string, deviceKey: string): DeviceRecord | undefined {
    return this.records.get(deviceKeyOf(platform, productKey, deviceKey));
  }

  list(platform: PlatformName): DeviceRecord[] {
    return [...this.records.values()].filter((r) => r.platform === platform);
  }

  /** Applies a control-API patch; resolves once the MQTT connection matches `online`. */
  async update(rec: DeviceRecord, patch: BehaviourPatch): Promise<void> {
    const b = rec.behaviour;
    if (patch.activated !== undefined) {
      b.activated = patch.activated;
      if (patch.activated && rec.times.activeTime === null) rec.times.activeTime = Date.now();
    }
    if (patch.latencyMs !== undefined) b.latencyMs = patch.latencyMs;
    if (patch.fail !== undefined) b.fail = patch.fail;
    if (patch.neverReply !== undefined) b.neverReply = [...patch.neverReply];
    if (patch.online !== undefined) b.online = patch.online;
    await this.sync(rec);
    this.notify(rec);
  }

  /**
   * Calls `listener` after a control-API update has been applied (the device is connected or
   * disconnected by then), e.g. so queued commands go out when a device comes online.
   */
  onChange(listener: (rec: DeviceRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(rec: DeviceRecord): void {
    for (const listener of this.listeners) listener(rec);
  }

  /** Brings every device to its current `online` flag (used at start and after reset). */
  async syncAll(): Promise<void> {
    await Promise.all([...this.records.values()].map((r) => this.sync(r)));
  }

  /** Back to the seed: behaviours, times, connections. */
  async reset(): Promise<void> {
    seedStates(this.seed).forEach((s, i) => {
      const rec = this.get(s.platform, s.productKey, s.deviceKey);
      if (rec) Object.assign(rec, initial(s, i));
    });
    await this.syncAll();
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.records.values()].map(async (r) => {
        await r.queue.catch(() => undefined);
        await r.sim?.disconnect();
      }),
    );
  }

  private sync(rec: DeviceRecord): Promise<void> {
    const run = async () => {
      const sim = rec.sim;
      if (!sim) return;
      if (rec.behaviour.online && !sim.active) {
        try {
          await sim.connect();
        } catch (e) {
          rec.behaviour.online = false; // report the truth: the device could not log in
          throw e;
        }
        rec.times.lastOnlineTime = Date.now();
      } else if (!rec.behaviour.online && sim.active) {
        await sim.disconnect();
        rec.times.lastOfflineTime = Date.now();
      }
    };
    const next = rec.queue.catch(() => undefined).then(run);
    rec.queue = next;
    return next;
  }
}
