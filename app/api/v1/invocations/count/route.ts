// GET /api/v1/invocations/count: how many invocations match the filters (exact up to a cap).
import { historyScope } from "@/lib/auth/scope";
import { countInvocations, COUNT_CAP } from "@/lib/invocations/queries";
import { apiUser, apiRoute, json } from "@/lib/api/request";
import { filterQuery } from "../query";

/** Generous, since export progress is measured against it; counting a million index entries takes a moment at most. */
const EXPORT_COUNT_CAP = 100 * COUNT_CAP;

export const GET = apiRoute(async (request: Request) => {
  const user = await apiUser(request);
  const filter = filterQuery(new URL(request.url).searchParams);
  const scope = await historyScope(user); // authorizes history:read
  return json(await countInvocations(scope, filter, EXPORT_COUNT_CAP));
});
