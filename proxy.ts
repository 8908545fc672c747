import { NextResponse, type NextRequest } from "next/server";
import { getSessionCookie } from "better-auth/cookies";
import { REQUEST_PATH_HEADER } from "./lib/auth/request-path";

// A cheap first gate only: it sees whether a session cookie is present, not whether it is valid.
// Every page and server action checks the session itself (lib/auth/session.ts).
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const path = pathname + search;

  // Server actions answer "not signed in" themselves; a redirect would reach the client as an unreadable response.
  const isServerAction = request.method === "POST" && request.headers.has("next-action");
  if (!isServerAction && !getSessionCookie(request)) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", path);
    return NextResponse.redirect(login);
  }

  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_PATH_HEADER, path);
  return NextResponse.next({ request: { headers: forwarded } });
}

export const config = {
  // Everything except the login page, API routes (they answer 401 themselves), Next internals and
  // files with an extension. Server actions (a POST with a Next-Action header) skip it too: they
  // check the session themselves and answer "not signed in" as data, and the invoke path is hot.
  matcher: [
    {
      source: "/((?!login|api/|_next/|favicon\\.ico|.*\\.[a-zA-Z0-9]+$).*)",
      missing: [{ type: "header", key: "next-action" }],
    },
  ],
};
