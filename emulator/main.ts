// `npm run emulator`: the emulator on its own, configured from the environment.
import { DEFAULT_PORTS, startEmulator } from "./index";

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`${name}=${raw} is not a port number (0-65535); unset it to use ${fallback}`);
  }
  return n;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({
    seedPath: process.env.EMULATOR_SEED || undefined,
    enosPort: port("EMULATOR_ENOS_PORT", DEFAULT_PORTS.enos),
    aliyunPort: port("EMULATOR_ALIYUN_PORT", DEFAULT_PORTS.aliyun),
    mqttUrl: process.env.MQTT_URL || undefined,
    mqttPort: port("EMULATOR_MQTT_PORT", DEFAULT_PORTS.mqtt),
    log: (line) => console.log(`[emulator] ${line}`),
  });
  console.log(`[emulator] EnOS API     ${emulator.enosUrl}`);
  console.log(`[emulator] Alibaba API  ${emulator.aliyunUrl}`);
  console.log(`[emulator] MQTT broker  ${emulator.mqttUrl}`);
  console.log(`[emulator] control API  ${emulator.enosUrl}/_emulator/health (Ctrl+C stops)`);
  const shutdown = (signal: string) => {
    console.log(`[emulator] ${signal}: stopping`);
    emulator.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`[emulator] stop failed: ${String(e)}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((e: unknown) => {
  const err = e as Error & { code?: string };
  const hint = err.code === "EADDRINUSE" ? " (another process holds the port: stop it or set EMULATOR_*_PORT)" : "";
  console.error(`[emulator] failed to start: ${err.message}${hint}`);
  process.exit(1);
});
