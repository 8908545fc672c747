// The drift test: schema.prisma and the database that prisma/migrations produce must agree.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Prisma } from "../generated/prisma/client";
import { checkDrift } from "./drift";
import { applyMigrations, readMigrations } from "./migrate";
import { parsePrismaSchema } from "./prisma-schema";
import { createScratchDatabase, type ScratchDatabase } from "./scratch";

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) throw new Error("DATABASE_URL is not set: run integration tests with `npm run test:integration`.");

const schemaPath = path.resolve("prisma/schema.prisma");
const quiet = { info: () => undefined, warn: () => undefined };
const scratches: ScratchDatabase[] = [];

async function migratedScratch(migrationsDir?: string): Promise<string> {
  const db = await createScratchDatabase(baseUrl!, "drift_test");
  scratches.push(db);
  await applyMigrations(db.url, { migrationsDir, log: quiet });
  return db.url;
}

/** prisma/migrations copied, with `edit` applied to the SQL of the first (init) migration. */
async function editedMigrations(edit: (sql: string) => string): Promise<string> {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "drift-")), "migrations");
  cpSync(path.resolve("prisma/migrations"), dir, { recursive: true });
  const last = (await readMigrations(dir))[0]!;
  const file = path.join(dir, last.name, "migration.sql");
  const before = readFileSync(file, "utf8");
  const after = edit(before);
  expect(after, "the edit must change the migration").not.toBe(before);
  writeFileSync(file, after);
  return dir;
}

afterEach(async () => {
  await Promise.all(scratches.splice(0).map((s) => s.drop()));
});

describe("schema drift", () => {
  it("the migrated database matches schema.prisma", async () => {
    expect(await checkDrift(await migratedScratch(), { schemaPath })).toEqual([]);
  });

  it("reads the same models and scalar fields from schema.prisma as Prisma's generated client", () => {
    const psl = parsePrismaSchema(readFileSync(schemaPath, "utf8"));
    expect(psl.unsupported).toEqual([]);
    const modelNames = new Set(psl.models.map((m) => m.name));
    expect([...modelNames].sort()).toEqual(Object.values(Prisma.ModelName).sort());
    for (const model of psl.models) {
      const generated = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[`${model.name}ScalarFieldEnum`];
      const scalars = model.fields.filter((f) => !modelNames.has(f.type)).map((f) => f.name);
      expect(scalars, `scalar fields of ${model.name}`).toEqual(Object.values(generated ?? {}));
    }
  });

  it("catches a column missing from the migrations", async () => {
    const dir = await editedMigrations((sql) => sql.replace(/^\s*"platformMessage" TEXT,\n/m, ""));
    const diffs = await checkDrift(await migratedScratch(dir), { schemaPath });
    expect(diffs).toEqual([expect.stringMatching(/column "invocation"\."platformMessage" .* is missing/)]);
  });

  it("catches wrong types, nullability, defaults, index order and foreign key actions", async () => {
    const dir = await editedMigrations((sql) =>
      sql
        .replace(`"timeoutMs" INTEGER NOT NULL,`, `"timeoutMs" BIGINT NOT NULL,`)
        .replace(`"serviceName" TEXT,`, `"serviceName" TEXT NOT NULL,`)
        .replace(`"enabled" BOOLEAN NOT NULL DEFAULT true,`, `"enabled" BOOLEAN NOT NULL DEFAULT false,`)
        .replace(`("userId", "requestedAt" DESC)`, `("userId", "requestedAt")`)
        .replace(
          `REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;\n\n-- AddForeignKey\nALTER TABLE "invocation"`,
          `REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;\n\n-- AddForeignKey\nALTER TABLE "invocation"`,
        )
        .concat(`\nCREATE TABLE "stray" ("id" INTEGER);\n`),
    );
    const diffs = (await checkDrift(await migratedScratch(dir), { schemaPath })).join("\n");
    expect(diffs).toMatch(/"invocation"\."timeoutMs" .* has type bigint in the database, schema.prisma expects integer/);
    expect(diffs).toMatch(/"invocation"\."serviceName" .* is NOT NULL in the database, schema.prisma expects nullable/);
    expect(diffs).toMatch(/"connection"\."enabled" .* has default false in the database, schema.prisma expects true/);
    expect(diffs).toMatch(/index "invocation_userId_requestedAt_idx" is .*\(userId, requestedAt\).*expects .*\(userId, requestedAt DESC\)/);
    expect(diffs).toMatch(/foreign key "account_userId_fkey" .*ON DELETE RESTRICT.*expects.*ON DELETE CASCADE/);
    expect(diffs).toMatch(/table "stray" is in the database but not in schema.prisma/);
  });

  it("catches enum labels that differ", async () => {
    const dir = await editedMigrations((sql) => sql.replace(`'CANCELED', `, ""));
    const diffs = await checkDrift(await migratedScratch(dir), { schemaPath });
    expect(diffs).toEqual([expect.stringMatching(/enum "InvocationStatus" is \(.*\) in the database, schema.prisma expects \(.*CANCELED.*\)/)]);
  });
});
