// The console's own session check (lib/auth/session-lookup.ts) must agree with Better Auth's
// get-session in every case: a fresh sign-in, a forged or foreign cookie, an expired session, a
// revoked one and a disabled user.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createUser, updateUser } from "../admin/users";
import { authenticateApiToken, createApiToken, revokeApiToken } from "../api-tokens/tokens";
import { prisma } from "../db";
import type { CurrentUser } from "../invocations/types";
import { baseUrl, signIn } from "../testing/action-session";
import { getAuth } from "./auth";
import { userFromSessionCookie } from "./session-lookup";

const suffix = randomUUID().slice(0, 8);
const admin: CurrentUser = { id: "bootstrap", email: "bootstrap@lookup.local", name: "bootstrap", role: "admin" };
const password = "correct horse battery";

async function betterAuthEmail(cookie: string): Promise<string | null> {
  const res = await getAuth().handler(new Request(`${baseUrl()}/api/auth/get-session`, { headers: { cookie } }));
  return ((await res.json()) as { user?: { email: string } } | null)?.user?.email ?? null;
}

async function both(cookie: string): Promise<[string | null, string | null]> {
  return [(await userFromSessionCookie(cookie))?.email ?? null, await betterAuthEmail(cookie)];
}

async function signedInUser(name: string) {
  const user = await createUser(admin, { name, email: `${name}-${suffix}@lookup.local`, password, role: "engineer" });
  const res = await signIn(user.email, password);
  expect(res.status).toBe(200);
  return { user, cookie: res.cookie! };
}

afterAll(async () => {
  await prisma.$disconnect();
});

describe("session lookup", () => {
  it("finds the user Better Auth finds, with their role", async () => {
    const { user, cookie } = await signedInUser("fresh");
    expect(await both(`other=1; ${cookie}`)).toEqual([user.email, user.email]);
    expect(await userFromSessionCookie(cookie)).toEqual({ id: user.id, email: user.email, name: "fresh", role: "engineer" });
  });

  it("refuses what Better Auth refuses: no cookie, a forged signature, an unknown token", async () => {
    const { cookie } = await signedInUser("forged");
    const [name, value] = cookie.split(/=(.*)/s) as [string, string];
    const decoded = decodeURIComponent(value);
    const token = decoded.slice(0, decoded.lastIndexOf("."));
    expect(await userFromSessionCookie(null)).toBeNull();
    expect(await both(`${name}=${encodeURIComponent(`${token}.${"A".repeat(43)}=`)}`)).toEqual([null, null]);
    expect(await both(`${name}=${encodeURIComponent(decoded.replace(token, `${token.slice(0, -1)}x`))}`)).toEqual([null, null]);
    expect(await both(`${name}=${encodeURIComponent(token)}`)).toEqual([null, null]);
  });

  it("ends with the session: expired, revoked, or the user disabled", async () => {
    const expired = await signedInUser("expired");
    await prisma.session.updateMany({ where: { userId: expired.user.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await both(expired.cookie)).toEqual([null, null]);

    const revoked = await signedInUser("revoked");
    await prisma.session.deleteMany({ where: { userId: revoked.user.id } });
    expect(await both(revoked.cookie)).toEqual([null, null]);

    const disabled = await signedInUser("disabled");
    expect(await userFromSessionCookie(disabled.cookie)).not.toBeNull();
    await updateUser(admin, disabled.user.id, { disabled: true });
    expect(await both(disabled.cookie)).toEqual([null, null]);

    // a user disabled by a write that has not revoked the sessions (yet): refused all the same
    const racing = await signedInUser("racing");
    await prisma.user.update({ where: { id: racing.user.id }, data: { disabled: true } });
    expect(await userFromSessionCookie(racing.cookie)).toBeNull();
  });

  it("compares expiry as Better Auth does: a minute left is live, a minute past is not", async () => {
    const soon = await signedInUser("soon");
    await prisma.session.updateMany({ where: { userId: soon.user.id }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    expect(await both(soon.cookie)).toEqual([soon.user.email, soon.user.email]);
    await prisma.session.updateMany({ where: { userId: soon.user.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    expect(await both(soon.cookie)).toEqual([null, null]);
  });

  it("answers each of many concurrent lookups (batched into few statements) with its own user, sessions and API tokens alike", async () => {
    const users = await Promise.all(["many-a", "many-b", "many-c"].map((n) => signedInUser(n)));
    const gone = await signedInUser("many-gone");
    await prisma.session.deleteMany({ where: { userId: gone.user.id } });
    const asked = Array.from({ length: 40 }, (_, i) => (i % 4 === 3 ? gone : users[i % 4]!));
    const found = await Promise.all(asked.map((u) => userFromSessionCookie(u.cookie)));
    expect(found.map((u) => u?.email ?? null)).toEqual(asked.map((u) => (u === gone ? null : u.user.email)));

    const tokens = await Promise.all(users.map((u) => createApiToken({ ...u.user, role: "engineer" }, "batched")));
    const revoked = await createApiToken({ ...gone.user, role: "engineer" }, "revoked");
    await revokeApiToken({ ...gone.user, role: "engineer" }, revoked.view.id);
    const askedTokens = Array.from({ length: 40 }, (_, i) => (i % 4 === 3 ? revoked.token : tokens[i % 4]!.token));
    const owners = await Promise.all(askedTokens.map((t) => authenticateApiToken(t)));
    expect(owners.map((u) => u?.email ?? null)).toEqual(askedTokens.map((_, i) => (i % 4 === 3 ? null : users[i % 4]!.user.email)));
  });
});
