// Connections for the admin page: add, edit, enable/disable, test. The secret goes in sealed
// (AES-256-GCM under CONSOLE_SECRET_KEY) and never comes out: views carry only `secretSet`.
import "server-only";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { authorize } from "../auth/permissions";
import { isUuid } from "../connections";
import { loadSecretKey, seal, unseal } from "../crypto/seal";
import { getAdapter } from "../platforms/registry";
import { PlatformError, type ConnectionConfig, type PlatformId } from "../platforms/types";
import { EndpointPolicyError } from "../security/endpoint-policy";
import { assertPlatformEndpoint } from "../security/endpoints";
import { InputValidationError, type CurrentUser } from "../invocations/types";
import { AdminError } from "./admin-error";
import type { ConnectionForm, ConnectionFormValues } from "./connection-schema";

const formSelect = {
  id: true,
  name: true,
  platform: true,
  endpoint: true,
  orgId: true,
  regionId: true,
  instanceId: true,
  accessKey: true,
  enabled: true,
  isDemo: true,
} as const;

type FormRow = Prisma.ConnectionGetPayload<{ select: typeof formSelect }>;

// A sealed secret is always present (the column is NOT NULL); the flag is for the form's "•••• set".
const toValues = (row: FormRow): ConnectionFormValues => ({ ...row, platform: row.platform as PlatformId, secretSet: true });

export async function listConnectionsForAdmin(actor: CurrentUser): Promise<ConnectionFormValues[]> {
  authorize(actor, "connections:manage");
  const rows = await prisma.connection.findMany({ select: formSelect, orderBy: { name: "asc" } });
  return rows.map(toValues);
}

export async function getConnectionForEdit(actor: CurrentUser, id: string): Promise<ConnectionFormValues | null> {
  authorize(actor, "connections:manage");
  if (!isUuid(id)) return null;
  const row = await prisma.connection.findUnique({ where: { id }, select: formSelect });
  return row ? toValues(row) : null;
}

/** The endpoint policy as a field issue on "endpoint", so the form marks the field. */
async function checkEndpointField(endpoint: string): Promise<void> {
  try {
    await assertPlatformEndpoint(endpoint);
  } catch (error) {
    if (error instanceof EndpointPolicyError) throw new InputValidationError([{ path: "endpoint", message: error.message }]);
    throw error;
  }
}

function columns(form: ConnectionForm) {
  const { secret: _secret, ...rest } = form;
  return { ...rest, endpoint: form.endpoint.replace(/\/+$/, "") };
}

async function saving<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new InputValidationError([{ path: "name", message: "is already used by another connection" }]);
    }
    throw error;
  }
}

export async function createConnection(actor: CurrentUser, form: ConnectionForm): Promise<ConnectionFormValues> {
  authorize(actor, "connections:manage");
  if (!form.secret) throw new InputValidationError([{ path: "secret", message: "Enter the secret key." }]);
  await checkEndpointField(form.endpoint);
  const secretSealed = seal(form.secret, loadSecretKey());
  const row = await saving(() => prisma.connection.create({ data: { ...columns(form), secretSealed }, select: formSelect }));
  return toValues(row);
}

/** An empty secret keeps the stored one; anything typed replaces it. */
export async function updateConnection(actor: CurrentUser, id: string, form: ConnectionForm): Promise<ConnectionFormValues> {
  authorize(actor, "connections:manage");
  if (!(await getConnectionForEdit(actor, id))) throw new AdminError("No such connection. Reload the page.");
  await checkEndpointField(form.endpoint);
  const secretSealed = form.secret ? seal(form.secret, loadSecretKey()) : undefined;
  const row = await saving(() => prisma.connection.update({ where: { id }, data: { ...columns(form), secretSealed }, select: formSelect }));
  return toValues(row);
}

export async function setConnectionEnabled(actor: CurrentUser, id: string, enabled: boolean): Promise<ConnectionFormValues> {
  authorize(actor, "connections:manage");
  if (!(await getConnectionForEdit(actor, id))) throw new AdminError("No such connection. Reload the page.");
  return toValues(await prisma.connection.update({ where: { id }, data: { enabled }, select: formSelect }));
}

export type ConnectionTestResult = { ok: true; ms: number } | { ok: false; message: string };

/**
 * Tries the form's values (the stored secret when none was typed) with the platform's cheapest
 * authenticated call. Saves nothing. Whatever the platform answers, the secret is cut out of the
 * message before it goes back to the browser.
 */
export async function testConnection(actor: CurrentUser, id: string | null, form: ConnectionForm): Promise<ConnectionTestResult> {
  authorize(actor, "connections:manage");
  await checkEndpointField(form.endpoint);
  const secretKey = form.secret || (id ? await storedSecret(id) : "");
  if (!secretKey) throw new InputValidationError([{ path: "secret", message: "Enter the secret key to test the connection." }]);
  const conn: ConnectionConfig = { id: id ?? "unsaved", ...columns(form), secretKey };
  const started = Date.now();
  try {
    await getAdapter(conn.platform).testConnection(conn);
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    return { ok: false, message: error.message.split(secretKey).join("••••") };
  }
}

async function storedSecret(id: string): Promise<string> {
  const row = isUuid(id) ? await prisma.connection.findUnique({ where: { id }, select: { secretSealed: true } }) : null;
  if (!row) throw new AdminError("No such connection. Reload the page.");
  return unseal(row.secretSealed, loadSecretKey());
}
