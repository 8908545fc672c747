"use server";

import { z } from "zod";
import { testConnection, type ConnectionTestResult } from "@/lib/admin/connections";
import { connectionFormSchema } from "@/lib/admin/connection-schema";
import { runAction, type ActionResult } from "./action-client";

const argsSchema = z.object({ id: z.uuid().nullable(), form: connectionFormSchema });

/** Tries the form's values against the platform without saving them. */
export async function testConnectionAction(args: z.input<typeof argsSchema>): Promise<ActionResult<{ test: ConnectionTestResult }>> {
  return runAction(argsSchema, args, "test the connection", async (actor, { id, form }) => ({ test: await testConnection(actor, id, form) }));
}
