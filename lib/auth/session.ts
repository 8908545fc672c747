import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { CurrentUser } from "../invocations/types";
import { getAuth } from "./auth";
import { isRole, safeNextPath } from "./config";
import { REQUEST_PATH_HEADER } from "./request-path";

export class NotSignedInError extends Error {
  constructor() {
    super("You are not signed in, or your session has expired. Sign in again and retry.");
    this.name = "NotSignedInError";
  }
}

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { id, email, name, role, disabled } = session.user;
  // disabling revokes the sessions too; this covers a request already under way at that moment
  if (!isRole(role) || disabled) return null;
  return { id, email, name, role };
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
