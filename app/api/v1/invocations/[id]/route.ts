// GET /api/v1/invocations/{id}: one invocation with its event timeline; poll it until it is final.
import { historyScope } from "@/lib/auth/scope";
import { requestPromptPoll } from "@/lib/invocations/cancel";
import { getInvocation } from "@/lib/invocations/queries";
import { isFinal } from "@/lib/invocations/status";
import { ApiError } from "@/lib/api/errors";
import { apiUser, apiRoute, json } from "@/lib/api/request";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await apiUser(request);
  const { id } = await params;
  const scope = await historyScope(user); // authorizes history:read
  const invocation = await getInvocation(id, scope);
  if (!invocation) throw new ApiError("not_found", `No invocation with id ${id}.`);
  // someone is waiting on it: let the reconciler ask the platform now rather than after its backoff
  if (!isFinal(invocation.status)) await requestPromptPoll(id);
  return json(invocation);
});
