// Failed sign-ins per account. Better Auth's own limiter counts requests per client address, which
// a guesser spreads over many addresses (or spoofs via X-Forwarded-For when the console is exposed
// without a proxy); counting failures per email stops guessing one account's password whatever the
// address. Kept in the database so every console process sees the same count.
import "server-only";
import { prisma } from "../db";

export const LOGIN_THROTTLE = { maxFailures: 5, windowS: 15 * 60 } as const;

export const loginThrottleKey = (email: string): string => `email:${email.trim().toLowerCase()}`;
const keyOf = loginThrottleKey;

/** Seconds until the account can be tried again; 0 when it is not locked. */
export async function lockedForS(email: string, now = new Date()): Promise<number> {
  const row = await prisma.loginThrottle.findUnique({ where: { key: keyOf(email) } });
  if (!row || row.failures < LOGIN_THROTTLE.maxFailures) return 0;
  const until = row.windowStart.getTime() + LOGIN_THROTTLE.windowS * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/** One more failure in the current window (a new window when the last one is over), in one statement. */
export async function recordLoginFailure(email: string): Promise<void> {
  const windowS = LOGIN_THROTTLE.windowS;
  await prisma.$executeRaw`
    INSERT INTO "login_throttle" ("key", "failures", "windowStart") VALUES (${keyOf(email)}, 1, now())
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "login_throttle"."windowStart" <= now() - make_interval(secs => ${windowS})
                        THEN 1 ELSE "login_throttle"."failures" + 1 END,
      "windowStart" = CASE WHEN "login_throttle"."windowStart" <= now() - make_interval(secs => ${windowS})
                           THEN now() ELSE "login_throttle"."windowStart" END`;
}

export async function clearLoginFailures(email: string): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key: keyOf(email) } });
}

export function lockedMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many failed sign-ins for this account. Wait ${minutes} minute${minutes === 1 ? "" : "s"}, then try again (or ask an admin to reset the password).`;
}
