"use server";

import { z } from "zod";
import { createConnection, updateConnection } from "@/lib/admin/connections";
import { connectionFormSchema, type ConnectionFormValues } from "@/lib/admin/connection-schema";
import { runAction, type ActionResult } from "./action-client";

const argsSchema = z.object({ id: z.uuid().nullable(), form: connectionFormSchema });

/** Adds a connection (id null) or edits one; an empty secret on an edit keeps the stored secret. */
export async function saveConnectionAction(args: z.input<typeof argsSchema>): Promise<ActionResult<{ connection: ConnectionFormValues }>> {
  return runAction(argsSchema, args, "save the connection", async (actor, { id, form }) => ({
    connection: id ? await updateConnection(actor, id, form) : await createConnection(actor, form),
  }));
}
