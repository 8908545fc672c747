// The platform emulator: EnOS and Alibaba HTTP APIs, an MQTT broker and simulated
// devices, all in one process. An independent implementation of the platforms' side: nothing
// here imports the console's code, so a bug shared with the console cannot pass the tests.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createAliyunApi } from "./aliyun/api";
import { aliyunLoginCheck, aliyunSimulators } from "./aliyun/simulator";
import { createControlApi } from "./control-api";
import { DeviceTable, type Behaviour } from "./devices";
import { FaultTable } from "./http/faults";
import { closeServer, createPlatformServer, listen } from "./http/platform-server";
import { RequestLog } from "./http/request-log";
import type { Handler, PlatformName } from "./http/types";
import { startBroker, type EmbeddedBroker, type LoginCheck } from "./mqtt/broker";
import { PlatformLink } from "./mqtt/platform-link";
import { SimulatedDevice } from "./mqtt/simulated-device";
import { createEnosApi } from "./enos/api";
import { compileEnosModels, EnosCatalog } from "./enos/catalog";
import { enosControlRoutes } from "./enos/control";
import { verifyLogin } from "./enos/device-login";
import { enosDeviceProtocol } from "./enos/device-protocol";
import { modelProblems } from "./enos/thing-model";
import { EnosRuntime } from "./enos/runtime";
import { TokenStore } from "./enos/tokens";
import { newToken } from "./ids";
import { loadSeedFile, validateSeed, type Seed, type SeedInput } from "./seed";

export type { Seed, SeedInput } from "./seed";

export interface EmulatorOptions {
  /** seed JSON file; default emulator/seed.json */
  seedPath?: string;
  /** a seed object instead of a file (validated the same way) */
  seed?: SeedInput;
  /** 0 picks a free port; defaults 4010 / 4020 / 18830 */
  enosPort?: number;
  aliyunPort?: number;
  /** use this broker (e.g. mqtt://127.0.0.1:1883) instead of the embedded one */
  mqttUrl?: string;
  mqttPort?: number;
  /** bind address, default 127.0.0.1 */
  host?: string;
  log?: (line: string) => void;
}

export interface RunningEmulator {
  enosUrl: string;
  aliyunUrl: string;
  mqttUrl: string;
  /** closes servers, MQTT clients, the broker and timers; safe to call twice */
  stop(): Promise<void>;
}

export const EMULATOR_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SEED_PATH = path.join(EMULATOR_DIR, "seed.json");
export const DEFAULT_PORTS = { enos: 4010, aliyun: 4020, mqtt: 18830 } as const;

/** Topic filters covering every reply the platform side waits for. */
const REPLY_FILTERS = ["/sys/+/+/thing/service/#", "/sys/+/+/rrpc/response/+"];

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const log = opts.log ?? (() => undefined);
  const seed = opts.seed
    ? validateSeed(opts.seed, "startEmulator({ seed })")
    : await loadSeedFile(opts.seedPath ?? DEFAULT_SEED_PATH);
  const cleanup: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    while (cleanup.length > 0) await cleanup.pop()?.();
  };
  try {
    const running = await assemble(seed, opts, log, cleanup);
    let stopping: Promise<void> | null = null;
    return { ...running, stop: () => (stopping ??= stopAll()) };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

async function assemble(
  seed: Seed,
  opts: EmulatorOptions,
  log: (line: string) => void,
  cleanup: (() => Promise<void>)[],
): Promise<Omit<RunningEmulator, "stop">> {
  const host = opts.host ?? "127.0.0.1";
  const { url: mqttUrl, auth } = await mqttEndpoint(seed, opts, host, log, cleanup);
  const link = await PlatformLink.connect(mqttUrl, auth, REPLY_FILTERS, log);
  cleanup.push(() => link.close());

  const models = compileEnosModels(seed);
  for (const [productKey, services] of models) {
    for (const problem of modelProblems(services)) log(`enos: product ${productKey}: ${problem}; values for it are not checked`);
  }
  const aliyunSim = aliyunSimulators(seed, mqttUrl, log);
  const devices: DeviceTable = new DeviceTable(seed, (platform, productKey, deviceKey) => {
    if (platform === "aliyun") return aliyunSim(productKey, deviceKey, () => devices.get("aliyun", productKey, deviceKey)?.behaviour);
    const behaviour = () => devices.get("enos", productKey, deviceKey)?.behaviour;
    return enosSimulator(seed, models, { productKey, deviceKey, behaviour }, mqttUrl, log);
  });
  cleanup.push(() => devices.close());
  await devices.syncAll();

  const catalog = new EnosCatalog(seed, models, devices);
  const tokens = new TokenStore(newToken);
  const requestLog = new RequestLog();
  const aliyun = createAliyunApi({ seed, devices, link, now: () => Date.now(), log });
  const now = () => Date.now();
  const enos = new EnosRuntime(catalog, link, devices, now);
  cleanup.push(async () => enos.close());
  const faults: Record<PlatformName, FaultTable> = { enos: new FaultTable(), aliyun: new FaultTable() };
  const reset = async () => {
    faults.enos.clear();
    faults.aliyun.clear();
    tokens.reset();
    aliyun.reset();
    enos.reset();
    requestLog.clear();
    await devices.reset();
  };
  const serve = async (platform: PlatformName, api: Handler, port: number, extra: Record<string, Handler> = {}) => {
    const control = createControlApi({ platform, requestLog, devices, reset, faults: faults[platform], extra });
    const server = createPlatformServer({ platform, api, control, requestLog, faults: faults[platform], log });
    cleanup.push(() => closeServer(server));
    return listen(server, port, host);
  };
  const enosApi = createEnosApi({ catalog, tokens, link, runtime: enos, now, log });
  const enosUrl = await serve("enos", enosApi, opts.enosPort ?? DEFAULT_PORTS.enos, enosControlRoutes(tokens, now, enos));
  const aliyunUrl = await serve("aliyun", aliyun.handler, opts.aliyunPort ?? DEFAULT_PORTS.aliyun, aliyun.controlRoutes);
  return { enosUrl, aliyunUrl, mqttUrl };
}

function enosSimulator(
  seed: Seed,
  models: ReturnType<typeof compileEnosModels>,
  device: { productKey: string; deviceKey: string; behaviour: () => Behaviour | undefined },
  mqttUrl: string,
  log: (line: string) => void,
): SimulatedDevice {
  const { productKey, deviceKey } = device;
  const secret = seed.enos.devices.find((d) => d.productKey === productKey && d.deviceKey === deviceKey)?.deviceSecret ?? "";
  const protocol = enosDeviceProtocol({ ...device, secret, services: models.get(productKey) });
  return new SimulatedDevice(mqttUrl, protocol, log);
}

/** The broker to use: the given one, or an embedded broker that checks device logins. */
async function mqttEndpoint(
  seed: Seed,
  opts: EmulatorOptions,
  host: string,
  log: (line: string) => void,
  cleanup: (() => Promise<void>)[],
): Promise<{ url: string; auth: { clientId: string; username?: string; password?: string } }> {
  const clientId = `emulator-platform-${randomBytes(4).toString("hex")}`;
  // an external broker's credentials, if any, travel in its URL (mqtt://user:pass@host:port)
  if (opts.mqttUrl) return { url: opts.mqttUrl, auth: { clientId } };
  const auth = { clientId, username: "emulator-platform", password: randomBytes(16).toString("hex") };
  const secrets = new Map(seed.enos.devices.map((d) => [`${d.productKey}/${d.deviceKey}`, d.deviceSecret]));
  const checks: LoginCheck[] = [
    (_id, username, password) => username === auth.username && password === auth.password,
    (id, username, password) => verifyLogin(id, username, password, (pk, dk) => secrets.get(`${pk}/${dk}`)) !== null,
    aliyunLoginCheck(seed),
  ];
  const broker: EmbeddedBroker = await startBroker({ host, port: opts.mqttPort ?? DEFAULT_PORTS.mqtt, checks, log });
  cleanup.push(() => broker.close());
  return { url: broker.url, auth };
}
