"use server";

import { z } from "zod";
import { authorize } from "@/lib/auth/permissions";
import { requireUserForAction } from "@/lib/auth/session";
import { revokeApiToken, type ApiTokenView } from "@/lib/api-tokens/tokens";
import { actionFailure, type ActionFailure } from "./action-failure";

const argsSchema = z.object({ id: z.uuid() });

export type RevokeApiTokenResult = { ok: true; view: ApiTokenView } | ActionFailure;

export async function revokeApiTokenAction(args: z.input<typeof argsSchema>): Promise<RevokeApiTokenResult> {
  const parsed = argsSchema.safeParse(args);
  if (!parsed.success) return { ok: false, message: "Unknown token." };
  try {
    const user = await requireUserForAction();
    authorize(user, "tokens:manage");
    return { ok: true, view: await revokeApiToken(user, parsed.data.id) };
  } catch (error) {
    return actionFailure(error, "revoke the token");
  }
}
