"use server";

import { z } from "zod";
import { historyScope } from "@/lib/auth/scope";
import { requireUserForAction } from "@/lib/auth/session";
import { parseHistoryFilter } from "@/lib/invocations/history-filter";
import { listInvocations } from "@/lib/invocations/queries";
import type { InvocationPage } from "@/lib/invocations/types";
import { actionFailure, type ActionFailure } from "./action-failure";

const argsSchema = z.object({
  /** the page's query string: the same filters as the URL */
  filter: z.string().max(4000).optional(),
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(200).optional(),
});

export type ListInvocationsResult = { ok: true; page: InvocationPage } | ActionFailure;

export async function listInvocationsAction(args: z.input<typeof argsSchema>): Promise<ListInvocationsResult> {
  const parsed = argsSchema.safeParse(args);
  if (!parsed.success) return { ok: false, message: "Invalid history cursor." };
  const filter = parseHistoryFilter(new URLSearchParams(parsed.data.filter ?? ""));
  if (!filter.ok) return { ok: false, message: "Some filters are not valid.", issues: filter.issues };
  try {
    const user = await requireUserForAction();
    const scope = await historyScope(user); // authorizes history:read
    const { cursor, limit } = parsed.data;
    return { ok: true, page: await listInvocations({ scope, filter: filter.filter, cursor, limit }) };
  } catch (error) {
    return actionFailure(error, "load the history");
  }
}
