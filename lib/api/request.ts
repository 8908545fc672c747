import "server-only";
import type { CurrentUser } from "../invocations/types";
import { authenticateApiToken } from "../api-tokens/tokens";
import { ApiError, errorResponse, invalidRequest } from "./errors";

const MAX_BODY_BYTES = 256 * 1024;

/**
 * The caller: a personal API token (`Authorization: Bearer dsc_…`) or, for reads only, the browser's
 * session cookie (the console's own export button). Writes need a token, so a cross-site form post
 * riding on a session cookie can never invoke anything.
 */
export async function apiUser(request: Request): Promise<CurrentUser> {
  const header = request.headers.get("authorization");
  if (header) {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const user = token ? await authenticateApiToken(token) : null;
    if (!user) throw new ApiError("unauthenticated", "The API token is unknown or revoked. Create a token under API tokens in the console.");
    return user;
  }
  if (request.method === "GET" || request.method === "HEAD") {
    const user = await sessionUser(request);
    if (user) return user;
  }
  throw new ApiError("unauthenticated", "Send a personal API token: `Authorization: Bearer dsc_…` (create one under API tokens in the console).");
}

// Loaded on demand: token-only callers (and tests calling the handlers) never start Better Auth.
async function sessionUser(request: Request): Promise<CurrentUser | null> {
  if (!request.headers.get("cookie")) return null;
  const { userFromSessionCookie } = await import("../auth/session-lookup");
  return userFromSessionCookie(request.headers.get("cookie"));
}

export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw invalidRequest("Send the body as JSON (Content-Type: application/json).", [{ path: "", message: "must be JSON" }]);
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ApiError("payload_too_large", `The body is limited to ${MAX_BODY_BYTES / 1024} KiB.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest("The body is not valid JSON.", [{ path: "", message: "must be valid JSON" }]);
  }
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Every API route answers errors the same way: `{ error: { code, message, issues? } }` with a 4xx/5xx status. */
export function apiRoute<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, { ...init, headers: { "cache-control": "no-store", ...init.headers } });
}
