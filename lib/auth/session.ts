import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { CurrentUser } from "../invocations/types";
import { safeNextPath } from "./config";
import { userFromSessionCookie } from "./session-lookup";
import { REQUEST_PATH_HEADER } from "./request-path";

export class NotSignedInError extends Error {
  constructor() {
    super("You are not signed in, or your session has expired. Sign in again and retry.");
    this.name = "NotSignedInError";
  }
}

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  return userFromSessionCookie((await headers()).get("cookie"));
});

/** For pages and layouts: the signed-in user, or a redirect to /login that comes back here. */
export async function requireUser(nextPath?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (user) return user;
  const next = safeNextPath(nextPath ?? (await headers()).get(REQUEST_PATH_HEADER), "/connections");
  redirect(`/login?next=${encodeURIComponent(next)}`);
}

/** For server actions: the signed-in user, or a NotSignedInError whose message can be shown as is. */
export async function requireUserForAction(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new NotSignedInError();
  return user;
}
