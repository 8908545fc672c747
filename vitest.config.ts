import { defineConfig } from "vitest/config";
import path from "node:path";

const root = path.dirname(new URL(import.meta.url).pathname);
const alias = {
  "@": root,
  // `server-only` throws outside React Server Components; tests run plain Node.
  "server-only": path.join(root, "lib/testing/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          include: ["{lib,emulator,components,app,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: ["{lib,emulator,app,scripts}/**/*.int.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // integration suites share one database and fixed emulator state: run files one at a time
          fileParallelism: false,
        },
      },
    ],
  },
});
