// Sign-in checks Better Auth runs around its own: a per-account failure limit and disabled accounts.
import "server-only";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { prisma } from "../db";
import { clearLoginFailures, lockedForS, lockedMessage, recordLoginFailure } from "./login-throttle";

const SIGN_IN = "/sign-in/email";

function emailOf(body: unknown): string | null {
  const email = (body as { email?: unknown } | null)?.email;
  return typeof email === "string" && email.length <= 320 ? email : null;
}

/** Refuses a locked account before its password is even checked, so guessing gains nothing. */
export const beforeSignIn = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== SIGN_IN) return;
  const email = emailOf(ctx.body);
  if (!email) return;
  const wait = await lockedForS(email);
  if (wait > 0) {
    throw new APIError("TOO_MANY_REQUESTS", { code: "ACCOUNT_LOCKED", message: lockedMessage(wait) }, { "Retry-After": String(wait) });
  }
});

/** Counts a wrong password against the account; a successful sign-in starts the count afresh. */
export const afterSignIn = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== SIGN_IN) return;
  const email = emailOf(ctx.body);
  if (!email) return;
  const returned: unknown = ctx.context.returned;
  if (isAPIError(returned)) {
    if (returned.statusCode === 401) await recordLoginFailure(email);
  } else {
    await clearLoginFailures(email);
  }
});

/** Runs when a session is about to be created (after the password matched): disabled accounts get none. */
export async function refuseDisabledUser(session: { userId: string }): Promise<void> {
  const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { disabled: true } });
  if (!user || user.disabled) {
    throw new APIError("FORBIDDEN", { code: "ACCOUNT_DISABLED", message: "This account is disabled. Ask an admin to enable it." });
  }
}
