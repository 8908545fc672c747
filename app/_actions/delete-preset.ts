"use server";

import { z } from "zod";
import { authorize } from "@/lib/auth/permissions";
import { requireUserForAction } from "@/lib/auth/session";
import { deletePreset } from "@/lib/presets/presets";
import { actionFailure, type ActionFailure } from "./action-failure";

const argsSchema = z.object({ id: z.uuid() });

export type DeletePresetResult = { ok: true } | ActionFailure;

export async function deletePresetAction(args: z.input<typeof argsSchema>): Promise<DeletePresetResult> {
  const parsed = argsSchema.safeParse(args);
  if (!parsed.success) return { ok: false, message: "Unknown preset." };
  try {
    const user = await requireUserForAction();
    authorize(user, "presets:write");
    await deletePreset(user, parsed.data.id);
    return { ok: true };
  } catch (error) {
    return actionFailure(error, "delete the preset");
  }
}
