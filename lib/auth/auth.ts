import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { prisma } from "../db";
import { env } from "../env";
import { SESSION_EXPIRES_IN_S, SESSION_UPDATE_AGE_S, authBaseUrl, authSecret, trustedOrigins } from "./settings";
import { afterSignIn, beforeSignIn, refuseDisabledUser } from "./sign-in-guard";

function createAuth() {
  const e = env();
  return betterAuth({
    appName: "Device Service Console",
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    secret: authSecret(e),
    baseURL: authBaseUrl(e),
    trustedOrigins: trustedOrigins(e),
    emailAndPassword: { enabled: true, disableSignUp: true },
    user: {
      additionalFields: {
        role: { type: "string", input: false },
        disabled: { type: "boolean", input: false, defaultValue: false },
      },
    },
    // A session ends 12 h after sign-in however busy it was (no sliding renewal): one shift. Without
    // a cookie cache every request reads the session row, so a revoked session ends at once.
    session: { expiresIn: SESSION_EXPIRES_IN_S, updateAge: SESSION_UPDATE_AGE_S, disableSessionRefresh: true },
    databaseHooks: { session: { create: { before: async (session) => void (await refuseDisabledUser(session)) } } },
    hooks: { before: beforeSignIn, after: afterSignIn },
    // Better Auth's default allows 3 sign-ins per 10 s per IP: too tight for a shift change at one
    // site behind one NAT address; 20 a minute still stops password guessing.
    rateLimit: { customRules: { "/sign-in/email": { window: 60, max: 20 } } },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

let instance: Auth | undefined;

/**
 * Built on first use, not at import: the Prisma adapter reads the client when it is created, and
 * `next build` imports every route without a database or production secrets.
 */
export function getAuth(): Auth {
  return (instance ??= createAuth());
}
