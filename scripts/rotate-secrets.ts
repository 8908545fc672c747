// `npm run secrets:rotate`: re-seals every connection secret from OLD_CONSOLE_SECRET_KEY to
// CONSOLE_SECRET_KEY in one transaction (all rows or none). Stop the console first when it runs on
// the embedded database (DATABASE_URL unset): its data folder can be open in one process only.
//
//   OLD_CONSOLE_SECRET_KEY=<the key in use> CONSOLE_SECRET_KEY=<new key> npm run secrets:rotate
//
// Then start the console with the new CONSOLE_SECRET_KEY. Run again with the same keys: nothing to do.
import { existsSync } from "node:fs";
import path from "node:path";
import { createPrisma } from "../lib/db/client";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { rotateSecrets } from "../lib/crypto/rotate";
import { parseEnv } from "../lib/env";
import { freePort } from "./emulator-process";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

function keys(): { oldKey: Buffer; newKey: Buffer } {
  const { OLD_CONSOLE_SECRET_KEY, CONSOLE_SECRET_KEY } = process.env;
  if (!OLD_CONSOLE_SECRET_KEY || !CONSOLE_SECRET_KEY) {
    throw new Error("Set OLD_CONSOLE_SECRET_KEY (the key the secrets are sealed with now) and CONSOLE_SECRET_KEY (the new one, `openssl rand -base64 32`).");
  }
  // the same validation as the console's, so a key the console would refuse is refused here
  const oldKey = parseEnv({ CONSOLE_SECRET_KEY: OLD_CONSOLE_SECRET_KEY }).CONSOLE_SECRET_KEY;
  const newKey = parseEnv({ CONSOLE_SECRET_KEY }).CONSOLE_SECRET_KEY;
  return { oldKey: oldKey!, newKey: newKey! };
}

async function databaseUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const db = await startEmbeddedPostgres({ dataDir: path.join(root, ".data/pglite"), port: await freePort(54339) });
  return { url: db.url, stop: db.stop };
}

async function main(): Promise<void> {
  if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
  const { oldKey, newKey } = keys();
  const db = await databaseUrl();
  const prisma = createPrisma(db.url, 1);
  try {
    const report = await rotateSecrets(prisma, oldKey, newKey);
    console.log(`[secrets:rotate] re-sealed ${report.rotated} connection secret(s); ${report.alreadyNew} already used the new key.`);
    console.log("[secrets:rotate] now start the console with the new CONSOLE_SECRET_KEY.");
  } finally {
    await prisma.$disconnect();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  // messages only: an error object could print its cause, and a cause could carry row data
  console.error(`[secrets:rotate] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
