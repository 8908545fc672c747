"use server";

import { z } from "zod";
import { authorize } from "@/lib/auth/permissions";
import { requireUserForAction } from "@/lib/auth/session";
import { listPresets, type PresetView } from "@/lib/presets/presets";
import { actionFailure, type ActionFailure } from "./action-failure";
import { presetScopeSchema } from "./preset-schemas";

export type ListPresetsResult = { ok: true; presets: PresetView[] } | ActionFailure;

export async function listPresetsAction(args: z.input<typeof presetScopeSchema>): Promise<ListPresetsResult> {
  const parsed = presetScopeSchema.safeParse(args);
  if (!parsed.success) return { ok: false, message: "Unknown service." };
  try {
    const user = await requireUserForAction();
    authorize(user, "invoke");
    return { ok: true, presets: await listPresets(user, parsed.data) };
  } catch (error) {
    return actionFailure(error, "load the presets");
  }
}
