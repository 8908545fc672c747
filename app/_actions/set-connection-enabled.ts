"use server";

import { z } from "zod";
import { setConnectionEnabled } from "@/lib/admin/connections";
import type { ConnectionFormValues } from "@/lib/admin/connection-schema";
import { runAction, type ActionResult } from "./action-client";

const argsSchema = z.object({ id: z.uuid(), enabled: z.boolean() });

export async function setConnectionEnabledAction(args: z.input<typeof argsSchema>): Promise<ActionResult<{ connection: ConnectionFormValues }>> {
  return runAction(argsSchema, args, "change the connection", async (actor, { id, enabled }) => ({
    connection: await setConnectionEnabled(actor, id, enabled),
  }));
}
