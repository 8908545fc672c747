"use server";

import { z } from "zod";
import { authorize } from "@/lib/auth/permissions";
import { requireUserForAction } from "@/lib/auth/session";
import { createApiToken, type ApiTokenView } from "@/lib/api-tokens/tokens";
import { actionFailure, type ActionFailure } from "./action-failure";

const argsSchema = z.object({ name: z.string().trim().min(1, { error: "Give the token a name" }).max(100) });

/** `token` is the only copy of the secret there will ever be: the page shows it once. */
export type CreateApiTokenResult = { ok: true; token: string; view: ApiTokenView } | ActionFailure;

export async function createApiTokenAction(args: z.input<typeof argsSchema>): Promise<CreateApiTokenResult> {
  const parsed = argsSchema.safeParse(args);
  if (!parsed.success) {
    return { ok: false, message: "Give the token a name.", issues: parsed.error.issues.map((i) => ({ path: "name", message: i.message })) };
  }
  try {
    const user = await requireUserForAction();
    authorize(user, "tokens:manage");
    const { token, view } = await createApiToken(user, parsed.data.name);
    return { ok: true, token, view };
  } catch (error) {
    return actionFailure(error, "create the token");
  }
}
