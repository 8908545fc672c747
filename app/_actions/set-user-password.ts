"use server";

import { z } from "zod";
import { setUserPassword, type UserView } from "@/lib/admin/users";
import { passwordSchema } from "@/lib/admin/user-schema";
import { runAction, type ActionResult } from "./action-client";

const argsSchema = z.object({ id: z.string().min(1).max(100), password: passwordSchema });

/** A new password chosen by an admin; the user's sessions end. */
export async function setUserPasswordAction(args: z.input<typeof argsSchema>): Promise<ActionResult<{ user: UserView }>> {
  return runAction(argsSchema, args, "set the password", async (actor, { id, password }) => ({ user: await setUserPassword(actor, id, password) }));
}
