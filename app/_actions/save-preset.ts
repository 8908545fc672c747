"use server";

import { z } from "zod";
import { authorize } from "@/lib/auth/permissions";
import { requireUserForAction } from "@/lib/auth/session";
import { createPreset, updatePreset, type PresetView } from "@/lib/presets/presets";
import { actionFailure, type ActionFailure } from "./action-failure";
import { presetInputSchema, presetNameSchema, presetScopeSchema } from "./preset-schemas";

const argsSchema = z.union([
  z.object({ create: presetScopeSchema, name: presetNameSchema, input: presetInputSchema }),
  z.object({ update: z.uuid(), name: presetNameSchema.optional(), input: presetInputSchema.optional() }),
]);

export type SavePresetResult = { ok: true; preset: PresetView } | ActionFailure;

/** Creates a preset for a service, or renames / overwrites one the user may edit. */
export async function savePresetAction(args: z.input<typeof argsSchema>): Promise<SavePresetResult> {
  const parsed = argsSchema.safeParse(args);
  if (!parsed.success) {
    return { ok: false, message: parsed.error.issues[0]?.message ?? "Invalid preset.", issues: [] };
  }
  try {
    const user = await requireUserForAction();
    authorize(user, "presets:write");
    const a = parsed.data;
    const preset = "create" in a ? await createPreset(user, a.create, a.name, a.input) : await updatePreset(user, a.update, a);
    return { ok: true, preset };
  } catch (error) {
    return actionFailure(error, "save the preset");
  }
}
