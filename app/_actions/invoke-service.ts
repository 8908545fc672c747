"use server";

import { z } from "zod";
import { requireUserForAction } from "@/lib/auth/session";
import { invokeService, startConnectionLookup } from "@/lib/invocations/invoke";
import type { InvocationView } from "@/lib/invocations/types";
import { actionFailure, localizeFailure, readerLocale, type ActionFailure } from "./action-failure";

// Platform keys are short identifiers; the bounds keep a malformed call from carrying megabytes
// into logs, caches and platform requests. The input itself is bounded in lib/invocations/input-guard.
const key = z.string().min(1).max(200);

const argsSchema = z.object({
  connectionId: key,
  device: z.object({
    productKey: key,
    deviceKey: key,
    assetId: key.nullish(),
    iotId: key.nullish(),
  }),
  serviceId: key,
  input: z.unknown(),
  timeoutMs: z.number().int().positive(),
  pendingTtlS: z.number().int().min(0).optional(),
  idempotencyKey: z.uuid().optional(),
  /** the confirmation of a service marked dangerous */
  reason: z.string().max(500).optional(),
});

export type InvokeArgs = z.input<typeof argsSchema>;
export type InvokeResult = { ok: true; invocation: InvocationView } | ActionFailure;

export async function invokeAction(args: InvokeArgs): Promise<InvokeResult> {
  const parsed = argsSchema.safeParse(args);
  if (!parsed.success) {
    return localizeFailure({
      ok: false,
      message: "The request is incomplete.",
      code: "invalid",
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  try {
    // the connection is read while the session is checked; nothing of it is used before that passes
    const connection = startConnectionLookup(parsed.data);
    const user = await requireUserForAction();
    const invocation = await invokeService(user, { ...parsed.data, locale: await readerLocale() }, { connection });
    return { ok: true, invocation };
  } catch (error) {
    return localizeFailure(actionFailure(error, "invoke the service"));
  }
}
