"use server";

import { z } from "zod";
import { updateUser, type UserView } from "@/lib/admin/users";
import { userChangeSchema } from "@/lib/admin/user-schema";
import { runAction, type ActionResult } from "./action-client";

const argsSchema = z.object({ id: z.string().min(1).max(100), change: userChangeSchema });

/** Name, role, or enabled/disabled (disabling ends the user's sessions). */
export async function updateUserAction(args: z.input<typeof argsSchema>): Promise<ActionResult<{ user: UserView }>> {
  return runAction(argsSchema, args, "change the user", async (actor, { id, change }) => ({ user: await updateUser(actor, id, change) }));
}
