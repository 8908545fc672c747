"use server";

import { z } from "zod";
import { historyScope } from "@/lib/auth/scope";
import { requireUserForAction } from "@/lib/auth/session";
import { requestPromptPoll } from "@/lib/invocations/cancel";
import { getInvocation } from "@/lib/invocations/queries";
import type { InvocationView } from "@/lib/invocations/types";
import { actionFailure, type ActionFailure } from "./action-failure";

const argsSchema = z.object({ id: z.uuid(), watching: z.boolean().optional() });

export type GetInvocationResult = { ok: true; invocation: InvocationView } | ActionFailure;

/** The invocation as recorded now; `watching` asks the reconciler to check with the platform soon. */
export async function getInvocationAction(args: z.input<typeof argsSchema>): Promise<GetInvocationResult> {
  const parsed = argsSchema.safeParse(args);
  if (!parsed.success) return { ok: false, message: "Unknown invocation id." };
  try {
    const user = await requireUserForAction();
    const scope = await historyScope(user); // authorizes history:read
    const invocation = await getInvocation(parsed.data.id, scope);
    if (invocation && parsed.data.watching) await requestPromptPoll(parsed.data.id);
    if (!invocation) return { ok: false, message: `No invocation with id ${parsed.data.id}.` };
    return { ok: true, invocation };
  } catch (error) {
    return actionFailure(error, "read the invocation");
  }
}
