"use server";

import { z } from "zod";
import { setServiceDanger } from "@/lib/invocations/dangerous";
import { runAction, type ActionResult } from "./action-client";

const key = z.string().min(1).max(200);
const argsSchema = z.object({ connectionId: z.uuid(), productKey: key, serviceId: key, dangerous: z.boolean() });

/** Marks a service of a product dangerous (invoking it then needs a reason) or clears the mark. */
export async function setServiceDangerAction(args: z.input<typeof argsSchema>): Promise<ActionResult<{ dangerous: boolean }>> {
  return runAction(argsSchema, args, "change the service setting", async (actor, { dangerous, ...ref }) => {
    await setServiceDanger(actor, ref, dangerous);
    return { dangerous };
  });
}
