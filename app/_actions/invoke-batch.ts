"use server";

import { z } from "zod";
import { requireUserForAction } from "@/lib/auth/session";
import { invokeBatch } from "@/lib/invocations/batch";
import type { BatchView } from "@/lib/invocations/batch-view";
import { ALIYUN_BATCH_MAX_DEVICES } from "@/lib/platforms/limits";
import { actionFailure, localizeFailure, readerLocale, type ActionFailure } from "./action-failure";

const key = z.string().min(1).max(200);

const argsSchema = z.object({
  connectionId: key,
  productKey: key,
  // bounded against oversized requests only: the use case refuses more than ALIYUN_BATCH_MAX_DEVICES
  // with a message that says what to do
  deviceNames: z.array(key).max(10 * ALIYUN_BATCH_MAX_DEVICES),
  serviceId: key,
  input: z.unknown(),
  idempotencyKey: z.uuid().optional(),
  /** the confirmation of a service marked dangerous */
  reason: z.string().max(500).optional(),
});

export type InvokeBatchArgs = z.input<typeof argsSchema>;
export type InvokeBatchResult = { ok: true; batch: BatchView } | ActionFailure;

export async function invokeBatchAction(args: InvokeBatchArgs): Promise<InvokeBatchResult> {
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
    const user = await requireUserForAction();
    return { ok: true, batch: await invokeBatch(user, { ...parsed.data, locale: await readerLocale() }) };
  } catch (error) {
    return localizeFailure(actionFailure(error, "invoke the batch"));
  }
}
