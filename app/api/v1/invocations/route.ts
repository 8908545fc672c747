// POST /api/v1/invocations: invoke a service; GET: the history, filtered like the History page.
import { z } from "zod";
import { authorize } from "@/lib/auth/permissions";
import { historyScope } from "@/lib/auth/scope";
import { invokeOnce } from "@/lib/invocations/invoke-once";
import { startConnectionLookup } from "@/lib/invocations/invoke";
import { listInvocations } from "@/lib/invocations/queries";
import { apiUser, apiRoute, json, readJson } from "@/lib/api/request";
import { apiLocale } from "@/lib/api/messages";
import { invalidRequest, zodIssues } from "@/lib/api/errors";
import { listQuery } from "./query";

const key = z.string().trim().min(1).max(200);

const createSchema = z
  .strictObject({
    connectionId: z.uuid(),
    productKey: key,
    deviceKey: key.optional(),
    assetId: key.optional(),
    serviceId: key,
    // not z.record: it silently drops "__proto__" keys, and the input guard in invokeService must see
    // them to refuse the request (lib/invocations/input-guard.ts); the thing model checks the shape
    input: z.unknown().default({}),
    timeoutMs: z.number().int().positive(),
    pendingTtlS: z.number().int().min(0).optional(),
    idempotencyKey: key.optional(),
    /** why: required for services an admin marked dangerous, kept in the history */
    reason: z.string().max(500).optional(),
  })
  .refine((b) => b.deviceKey || b.assetId, { error: "give deviceKey or assetId", path: ["deviceKey"] });

export const POST = apiRoute(async (request: Request) => {
  // the token check and the connection lookup overlap; an unauthenticated caller still hears only that
  const caller = apiUser(request);
  caller.catch(() => undefined);
  let parsed: z.infer<typeof createSchema>;
  try {
    parsed = await readCreateBody(request);
  } catch (error) {
    await caller;
    throw error;
  }
  const { connectionId, productKey, deviceKey, assetId, serviceId, input, timeoutMs, pendingTtlS, reason } = parsed;
  const device = { productKey, deviceKey: deviceKey ?? "", assetId };
  const connection = startConnectionLookup({ connectionId, device, serviceId });
  const user = await caller;
  const idempotencyKey = idempotencyKeyOf(request, parsed.idempotencyKey);
  authorize(user, "invoke");
  const { created, invocation } = await invokeOnce(
    user,
    { connectionId, device, serviceId, input, timeoutMs, pendingTtlS, idempotencyKey, reason, locale: apiLocale(request) },
    { connection },
  );
  const location = `/api/v1/invocations/${invocation.id}`;
  return json(invocation, { status: created ? 201 : 200, headers: { location } });
});

async function readCreateBody(request: Request): Promise<z.infer<typeof createSchema>> {
  const parsed = createSchema.safeParse(await readJson(request));
  if (!parsed.success) throw invalidRequest("The request body is not valid. See issues.", zodIssues(parsed.error));
  return parsed.data;
}

/** The `Idempotency-Key` header, or the body's idempotencyKey; both at once must agree. */
function idempotencyKeyOf(request: Request, fromBody: string | undefined): string | undefined {
  const header = request.headers.get("idempotency-key")?.trim() || undefined;
  if (header && header.length > 200) throw invalidRequest("The Idempotency-Key header is too long.", [{ path: "Idempotency-Key", message: "must be at most 200 characters" }]);
  if (header && fromBody && header !== fromBody) {
    throw invalidRequest("The Idempotency-Key header and the body's idempotencyKey differ.", [
      { path: "idempotencyKey", message: "must equal the Idempotency-Key header, or be left out" },
    ]);
  }
  return header ?? fromBody;
}

export const GET = apiRoute(async (request: Request) => {
  const user = await apiUser(request);
  const { filter, cursor, limit } = listQuery(new URL(request.url).searchParams);
  const scope = await historyScope(user); // authorizes history:read
  return json(await listInvocations({ scope, filter, cursor, limit }));
});
