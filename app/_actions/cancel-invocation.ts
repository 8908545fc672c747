"use server";

import { z } from "zod";
import { requireUserForAction } from "@/lib/auth/session";
import { cancelInvocation } from "@/lib/invocations/cancel";
import type { InvocationView } from "@/lib/invocations/types";
import { actionFailure, type ActionFailure } from "./action-failure";

const argsSchema = z.object({ id: z.uuid() });

export type CancelInvocationResult = { ok: true; invocation: InvocationView } | ActionFailure;

export async function cancelInvocationAction(args: z.input<typeof argsSchema>): Promise<CancelInvocationResult> {
  const parsed = argsSchema.safeParse(args);
  if (!parsed.success) return { ok: false, message: "Unknown invocation id." };
  try {
    const user = await requireUserForAction();
    return { ok: true, invocation: await cancelInvocation(user, parsed.data.id) };
  } catch (error) {
    return actionFailure(error, "cancel the command");
  }
}
