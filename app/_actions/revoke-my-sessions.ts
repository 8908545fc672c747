"use server";

import { z } from "zod";
import { revokeOwnSessions } from "@/lib/admin/users";
import { runAction, type ActionResult } from "./action-client";

/** "Log out everywhere": every session of the signed-in user ends, this browser's too. */
export async function revokeMySessionsAction(): Promise<ActionResult<{ revoked: number }>> {
  return runAction(z.undefined(), undefined, "sign out everywhere", async (user) => ({ revoked: await revokeOwnSessions(user) }));
}
