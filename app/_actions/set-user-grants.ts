"use server";

import { z } from "zod";
import { setUserGrants, type UserView } from "@/lib/admin/users";
import { grantsSchema } from "@/lib/admin/user-schema";
import { runAction, type ActionResult } from "./action-client";

const argsSchema = z.object({ id: z.string().min(1).max(100), grants: grantsSchema });

/** Replaces the connections (engineers) or products (product users) a user works on. */
export async function setUserGrantsAction(args: z.input<typeof argsSchema>): Promise<ActionResult<{ user: UserView }>> {
  return runAction(argsSchema, args, "change the user's access", async (actor, { id, grants }) => ({ user: await setUserGrants(actor, id, grants) }));
}
