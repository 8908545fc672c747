// POST /api/callbacks/enos-legacy/{requestId}?sig=…: EnOS (older API) delivers an ASYNC call's result.
// No session or token: the signature in the address, issued with the call, is the credential.
import { acceptLegacyCallback } from "@/lib/invocations/legacy-callback";
import { apiRoute, json, readJson } from "@/lib/api/request";

type Context = { params: Promise<{ requestId: string }> };

export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const { requestId } = await params;
  const signature = new URL(request.url).searchParams.get("sig");
  const result = await acceptLegacyCallback(requestId, signature, await readJson(request));
  return json(result);
});
