// Runs the emulator as its own process (it is an independent implementation of the platforms)
// and waits until its ports answer.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export interface EmulatorProcess {
  child: ChildProcess;
  enosUrl: string;
  aliyunUrl: string;
  mqttUrl: string;
}

/** The preferred port when it is free, else one the OS picks (so a second console can run). */
export async function freePort(preferred: number, host = "127.0.0.1"): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, host, () => {
        const address = server.address();
        const chosen = typeof address === "object" && address ? address.port : null;
        server.close(() => resolve(chosen));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0)) ?? preferred;
}

export async function startEmulatorProcess(root: string, log: (line: string) => void): Promise<EmulatorProcess> {
  const enosPort = await freePort(Number(process.env.EMULATOR_ENOS_PORT ?? 4010));
  const aliyunPort = await freePort(Number(process.env.EMULATOR_ALIYUN_PORT ?? 4020));
  const mqttPort = process.env.MQTT_URL ? 0 : await freePort(Number(process.env.EMULATOR_MQTT_PORT ?? 18830));
  const env = {
    ...process.env,
    EMULATOR_ENOS_PORT: String(enosPort),
    EMULATOR_ALIYUN_PORT: String(aliyunPort),
    EMULATOR_MQTT_PORT: String(mqttPort),
  };
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "emulator/main.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => prefixLines(d, log));
  child.stderr?.on("data", (d: Buffer) => prefixLines(d, log));
  const enosUrl = `http://127.0.0.1:${enosPort}`;
  await waitForHealth(enosUrl, child);
  return {
    child,
    enosUrl,
    aliyunUrl: `http://127.0.0.1:${aliyunPort}`,
    mqttUrl: process.env.MQTT_URL ?? `mqtt://127.0.0.1:${mqttPort}`,
  };
}

function prefixLines(data: Buffer, log: (line: string) => void): void {
  for (const line of data.toString("utf8").split("\n")) if (line.trim()) log(`emulator: ${line}`);
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/_emulator/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the emulator did not answer on ${url} within ${timeoutMs / 1000} s`);
}
