// Shared argument schemas of the preset actions (not an action file: no "use server").
import { z } from "zod";

const key = z.string().trim().min(1).max(200);

export const presetScopeSchema = z.object({ connectionId: z.uuid(), productKey: key, serviceId: key });

export const presetNameSchema = z.string().trim().min(1, { error: "Give the preset a name" }).max(100, { error: "Keep the name under 100 characters" });

/** What the service form holds: a plain object of parameter values. */
export const presetInputSchema = z.record(z.string(), z.unknown());
