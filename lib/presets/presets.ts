import "server-only";
import { prisma } from "../db";
import { Prisma, type Preset } from "../generated/prisma/client";
import { authorize } from "../auth/permissions";
import { assertCanInvokeOn } from "../auth/scope";
import type { CurrentUser } from "../invocations/types";

/** A preset belongs to one service of one product on one connection: the same input fits every device of it. */
export interface PresetScope {
  connectionId: string;
  productKey: string;
  serviceId: string;
}

export interface PresetView extends PresetScope {
  id: string;
  name: string;
  input: Record<string, unknown>;
  authorEmail: string;
  updatedAt: string;
  /** the viewer may rename, overwrite and delete it (its author, or an admin) */
  canEdit: boolean;
}

export class PresetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PresetError";
  }
}

const MAX_INPUT_BYTES = 64 * 1024;

const canEdit = (user: CurrentUser, row: Preset): boolean => user.role === "admin" || row.authorId === user.id;

function toView(user: CurrentUser, row: Preset): PresetView {
  return {
    id: row.id,
    connectionId: row.connectionId,
    productKey: row.productKey,
    serviceId: row.serviceId,
    name: row.name,
    input: row.input as Record<string, unknown>,
    authorEmail: row.authorEmail,
    updatedAt: row.updatedAt.toISOString(),
    canEdit: canEdit(user, row),
  };
}

/** Presets are for the people who may invoke the service: its product must be in their grants. */
export async function listPresets(user: CurrentUser, scope: PresetScope): Promise<PresetView[]> {
  await assertCanInvokeOn(user, scope.connectionId, scope.productKey);
  const rows = await prisma.preset.findMany({ where: scope, orderBy: { name: "asc" } });
  return rows.map((r) => toView(user, r));
}

export async function createPreset(user: CurrentUser, scope: PresetScope, name: string, input: Record<string, unknown>): Promise<PresetView> {
  authorize(user, "presets:write");
  await assertCanInvokeOn(user, scope.connectionId, scope.productKey);
  checkSize(input);
  const row = await named(name, () =>
    prisma.preset.create({
      data: { ...scope, name, input: input as Prisma.InputJsonObject, authorId: user.id, authorEmail: user.email },
    }),
  );
  return toView(user, row);
}

/** Renames and/or overwrites the input of a preset the user may edit. */
export async function updatePreset(
  user: CurrentUser,
  id: string,
  change: { name?: string; input?: Record<string, unknown> },
): Promise<PresetView> {
  authorize(user, "presets:write");
  await editable(user, id);
  if (change.input) checkSize(change.input);
  const row = await named(change.name ?? "", () =>
    prisma.preset.update({ where: { id }, data: { name: change.name, input: change.input as Prisma.InputJsonObject | undefined } }),
  );
  return toView(user, row);
}

export async function deletePreset(user: CurrentUser, id: string): Promise<void> {
  authorize(user, "presets:write");
  await editable(user, id);
  await prisma.preset.delete({ where: { id } });
}

async function editable(user: CurrentUser, id: string): Promise<Preset> {
  const row = await prisma.preset.findUnique({ where: { id } });
  if (!row) throw new PresetError("This preset no longer exists; someone may have deleted it.");
  if (!canEdit(user, row)) throw new PresetError(`Only its author (${row.authorEmail}) or an admin can change this preset.`);
  await assertCanInvokeOn(user, row.connectionId, row.productKey);
  return row;
}

function checkSize(input: Record<string, unknown>): void {
  if (Buffer.byteLength(JSON.stringify(input)) > MAX_INPUT_BYTES) {
    throw new PresetError(`A preset's input is limited to ${MAX_INPUT_BYTES / 1024} KiB.`);
  }
}

/** Turns the unique (scope, name) violation into a message that says which name is taken. */
async function named<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new PresetError(`A preset named “${name}” already exists for this service. Pick another name.`);
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
      throw new PresetError("The connection of this preset no longer exists.");
    }
    throw error;
  }
}
