import { defineConfig } from "@playwright/test";
import { CONSOLE_LOG_FILE as consoleLogFile, E2E_NEXT_DIST_DIR as nextDistDir, E2E_PORT, EMULATOR_ENOS_PORT } from "./e2e/support";

// The console under test runs on its own ports so a developer's `npm start` can keep running.
const port = E2E_PORT;
const emulatorEnosPort = EMULATOR_ENOS_PORT;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "tsx scripts/start.ts",
    url: `http://127.0.0.1:${port}/login`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      EMULATOR: "on",
      EMULATOR_ENOS_PORT: String(emulatorEnosPort),
      EMULATOR_ALIYUN_PORT: String(emulatorEnosPort + 10),
      EMULATOR_MQTT_PORT: String(emulatorEnosPort + 14820),
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
      // E2E_NEXT_DIST_DIR (e.g. .data/next-e2e-3300) gives a run its own build, so two runs at once
      // on different ports never rebuild the folder the other one's server is reading
      NEXT_DIST_DIR: nextDistDir,
      // everything the console prints, for e2e/secrets.spec.ts (which searches it for secrets)
      CONSOLE_LOG_FILE: consoleLogFile,
    },
  },
});
