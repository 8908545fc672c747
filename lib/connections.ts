import "server-only";
import { batchedSql, prisma } from "./db";
import { loadSecretKey, unseal } from "./crypto/seal";
import type { Prisma } from "./generated/prisma/client";
import { assertPlatformEndpoint } from "./security/endpoints";
import { PLATFORM_IDS, type ConnectionConfig, type PlatformId } from "./platforms/types";

/** What pages may see of a connection: never the secret. */
export interface ConnectionSummary {
  id: string;
  name: string;
  platform: PlatformId;
  endpoint: string;
  orgId: string | null;
  regionId: string | null;
  instanceId: string | null;
  enabled: boolean;
  isDemo: boolean;
}

const summarySelect = {
  id: true,
  name: true,
  platform: true,
  endpoint: true,
  orgId: true,
  regionId: true,
  instanceId: true,
  enabled: true,
  isDemo: true,
} as const;

function asPlatform(value: string): PlatformId {
  if ((PLATFORM_IDS as readonly string[]).includes(value)) return value as PlatformId;
  throw new Error(`Unknown platform "${value}" in the connections table`);
}

/** The connections a `scope` (lib/auth/scope.ts connectionScope) lets the user see. */
export async function listConnections(scope: Prisma.ConnectionWhereInput): Promise<ConnectionSummary[]> {
  const rows = await prisma.connection.findMany({ where: scope, select: summarySelect, orderBy: { name: "asc" } });
  return rows.map((r) => ({ ...r, platform: asPlatform(r.platform) }));
}

export async function getConnectionSummary(id: string): Promise<ConnectionSummary | null> {
  if (!isUuid(id)) return null;
  const row = await prisma.connection.findUnique({ where: { id }, select: summarySelect });
  return row ? { ...row, platform: asPlatform(row.platform) } : null;
}

export class ConnectionNotFoundError extends Error {
  constructor(id: string) {
    super(`No connection with id ${id}. It may have been removed; pick one on the Connections page.`);
    this.name = "ConnectionNotFoundError";
  }
}

export class ConnectionDisabledError extends Error {
  constructor(name: string) {
    super(`Connection “${name}” is disabled. An admin can enable it on the Connections page.`);
    this.name = "ConnectionDisabledError";
  }
}

/** The connection with its secret unsealed, for adapters only. */
export async function getConnectionConfig(id: string): Promise<ConnectionConfig> {
  const row = isUuid(id) ? await prisma.connection.findUnique({ where: { id } }) : null;
  return toConfig(id, row);
}

/**
 * getConnectionConfig and, in the same query, whether an admin marked the service dangerous on the
 * product: the invoke path reads both on every call.
 */
export async function getConnectionForInvoke(
  id: string,
  service: { productKey: string; serviceId: string },
): Promise<{ conn: ConnectionConfig; dangerous: boolean }> {
  // every invocation runs this: one statement without Prisma's engine, batched with concurrent calls (lib/db.ts)
  const [row] = isUuid(id) ? await connectionWithMark({ key: JSON.stringify([id, service.productKey, service.serviceId]), id, ...service }) : [];
  return { conn: await toConfig(id, row ?? null), dangerous: row?.dangerous ?? false };
}

const connectionWithMark = batchedSql<
  { key: string; id: string; productKey: string; serviceId: string },
  ConnectionRow & { key: string; dangerous: boolean }
>(
  `SELECT k."key", c."id", c."name", c."platform", c."endpoint", c."orgId", c."regionId", c."instanceId", c."accessKey",
          c."secretSealed", c."enabled",
          EXISTS (SELECT 1 FROM "dangerous_service" d
                   WHERE d."connectionId" = c."id" AND d."productKey" = k."productKey" AND d."serviceId" = k."serviceId") AS "dangerous"
     FROM jsonb_to_recordset($1::jsonb) AS k("key" text, "id" uuid, "productKey" text, "serviceId" text)
     JOIN "connection" c ON c."id" = k."id"`,
);

type ConnectionRow = Pick<
  Prisma.ConnectionGetPayload<object>,
  "id" | "name" | "platform" | "endpoint" | "orgId" | "regionId" | "instanceId" | "accessKey" | "secretSealed" | "enabled"
>;

async function toConfig(id: string, row: ConnectionRow | null): Promise<ConnectionConfig> {
  if (!row) throw new ConnectionNotFoundError(id);
  if (!row.enabled) throw new ConnectionDisabledError(row.name);
  // before the secret is unsealed and handed to an adapter: an endpoint saved under an older,
  // looser policy (or written to the table directly) is refused here
  await assertPlatformEndpoint(row.endpoint);
  return {
    id: row.id,
    name: row.name,
    platform: asPlatform(row.platform),
    endpoint: row.endpoint,
    orgId: row.orgId,
    regionId: row.regionId,
    instanceId: row.instanceId,
    accessKey: row.accessKey,
    secretKey: unseal(row.secretSealed, loadSecretKey()),
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
