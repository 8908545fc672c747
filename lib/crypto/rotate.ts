// Re-seals every connection secret from an old key to a new one, in one transaction: either every
// row moves to the new key or none does. Used by `npm run secrets:rotate` (scripts/rotate-secrets.ts).
// No server-only: a script runs it.
import type { PrismaClient } from "../generated/prisma/client";
import { seal, unseal, UnsealError } from "./seal";

export interface RotationReport {
  /** rows re-sealed from the old key to the new one */
  rotated: number;
  /** rows already sealed with the new key (an earlier run that was repeated) */
  alreadyNew: number;
}

export class RotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RotationError";
  }
}

export async function rotateSecrets(prisma: PrismaClient, oldKey: Buffer, newKey: Buffer): Promise<RotationReport> {
  if (oldKey.equals(newKey)) throw new RotationError("The old and the new key are the same: nothing to rotate.");
  return prisma.$transaction(
    async (tx) => {
      // locked, so a connection saved meanwhile waits for this run instead of being sealed with the old key behind it
      const rows = await tx.$queryRaw<{ id: string; name: string; secretSealed: string }[]>`
        SELECT "id", "name", "secretSealed" FROM "connection" ORDER BY "name" FOR UPDATE`;
      const report: RotationReport = { rotated: 0, alreadyNew: 0 };
      for (const row of rows) {
        const plain = openWithEither(row, oldKey, newKey);
        if (plain.key === "new") {
          report.alreadyNew += 1;
          continue;
        }
        await tx.connection.update({ where: { id: row.id }, data: { secretSealed: seal(plain.text, newKey) } });
        report.rotated += 1;
      }
      return report;
    },
    { timeout: 60_000 },
  );
}

function openWithEither(row: { name: string; secretSealed: string }, oldKey: Buffer, newKey: Buffer): { key: "old" | "new"; text: string } {
  for (const [key, which] of [[oldKey, "old"], [newKey, "new"]] as const) {
    try {
      return { key: which, text: unseal(row.secretSealed, key) };
    } catch (error) {
      if (!(error instanceof UnsealError)) throw error;
    }
  }
  throw new RotationError(
    `The secret of connection “${row.name}” opens with neither the old nor the new key. Nothing was changed. ` +
      "Check OLD_CONSOLE_SECRET_KEY, or re-enter that connection's secret on the Connections admin page and run again.",
  );
}
