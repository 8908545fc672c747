"use server";

import { createUser, type UserView } from "@/lib/admin/users";
import { newUserSchema, type NewUserInput } from "@/lib/admin/user-schema";
import { runAction, type ActionResult } from "./action-client";

export async function createUserAction(args: NewUserInput): Promise<ActionResult<{ user: UserView }>> {
  return runAction(newUserSchema, args, "create the user", async (actor, input) => ({ user: await createUser(actor, input) }));
}
