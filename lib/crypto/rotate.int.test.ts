// Key rotation against PostgreSQL: every connection secret moves to the new key in one transaction.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "../db/scratch";
import type { PrismaClient } from "../generated/prisma/client";
import { rotateSecrets, RotationError } from "./rotate";
import { seal, unseal } from "./seal";

let db: ScratchDatabase;
let prisma: PrismaClient;
const oldKey = randomBytes(32);
const newKey = randomBytes(32);

async function addConnection(secret: string, key: Buffer): Promise<string> {
  const row = await prisma.connection.create({
    data: { name: `rot-${randomUUID()}`, platform: "enos", endpoint: "https://apim.example.com", accessKey: "ak", secretSealed: seal(secret, key) },
  });
  return row.id;
}

const opened = async (id: string, key: Buffer) => unseal((await prisma.connection.findUniqueOrThrow({ where: { id } })).secretSealed, key);

beforeAll(async () => {
  // a database of its own: rotation reads every connection row, and other suites' rows use other keys
  db = await createScratchDatabase(process.env.DATABASE_URL!, "rotate_test");
  await applyMigrations(db.url, { log: { info: () => undefined, warn: () => undefined } });
  prisma = createPrisma(db.url, 2);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe("rotateSecrets", () => {
  it("re-seals every secret under the new key, and a second run finds nothing to do", async () => {
    const a = await addConnection("secret-a", oldKey);
    const b = await addConnection("secret-b", oldKey);
    expect(await rotateSecrets(prisma, oldKey, newKey)).toEqual({ rotated: 2, alreadyNew: 0 });
    expect([await opened(a, newKey), await opened(b, newKey)]).toEqual(["secret-a", "secret-b"]);
    await expect(opened(a, oldKey)).rejects.toThrow(/Could not unseal/);
    expect(await rotateSecrets(prisma, oldKey, newKey)).toEqual({ rotated: 0, alreadyNew: 2 });
  });

  it("changes nothing when one secret opens with neither key", async () => {
    const third = randomBytes(32);
    const good = await addConnection("secret-c", third);
    await addConnection("secret-d", randomBytes(32));
    const before = await prisma.connection.findMany({ orderBy: { id: "asc" }, select: { id: true, secretSealed: true } });
    await expect(rotateSecrets(prisma, third, randomBytes(32))).rejects.toThrow(RotationError);
    expect(await prisma.connection.findMany({ orderBy: { id: "asc" }, select: { id: true, secretSealed: true } })).toEqual(before);
    expect(await opened(good, third)).toBe("secret-c");
  });
});
