"use server";

import { z } from "zod";
import { historyScope } from "@/lib/auth/scope";
import { requireUserForAction } from "@/lib/auth/session";
import { loadBatch, requestBatchPoll } from "@/lib/invocations/batch";
import type { BatchView } from "@/lib/invocations/batch-view";
import { actionFailure, type ActionFailure } from "./action-failure";

const argsSchema = z.object({ batchId: z.uuid(), watching: z.boolean().optional() });

export type GetBatchResult = { ok: true; batch: BatchView } | ActionFailure;

/** The batch's rows as recorded now; `watching` asks the reconciler to check with the platform soon. */
export async function getBatchAction(args: z.input<typeof argsSchema>): Promise<GetBatchResult> {
  const parsed = argsSchema.safeParse(args);
  if (!parsed.success) return { ok: false, message: "Unknown batch id." };
  try {
    const user = await requireUserForAction();
    const scope = await historyScope(user); // authorizes history:read
    const batch = await loadBatch(parsed.data.batchId, scope);
    if (!batch) return { ok: false, message: `No batch with id ${parsed.data.batchId}.` };
    if (parsed.data.watching) await requestBatchPoll(batch.batchId);
    return { ok: true, batch };
  } catch (error) {
    return actionFailure(error, "read the batch");
  }
}
