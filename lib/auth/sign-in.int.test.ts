// Sign-in as the browser does it (Better Auth's HTTP handler): the per-account failure limit,
// disabled accounts, and the admin changes that end sessions.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createUser, setUserPassword, updateUser } from "../admin/users";
import { prisma } from "../db";
import type { CurrentUser } from "../invocations/types";
import { baseUrl, signIn } from "../testing/action-session";
import { getAuth } from "./auth";
import { LOGIN_THROTTLE } from "./login-throttle";
import { SESSION_EXPIRES_IN_S } from "./settings";

const suffix = randomUUID().slice(0, 8);
const admin: CurrentUser = { id: "bootstrap", email: "bootstrap@sec.local", name: "bootstrap", role: "admin" };
const password = "correct horse battery";

async function newUser(name: string, role: CurrentUser["role"] = "engineer") {
  return createUser(admin, { name, email: `${name}-${suffix}@signin.local`, password, role });
}

async function sessionUser(cookie: string | null): Promise<unknown> {
  const res = await getAuth().handler(new Request(`${baseUrl()}/api/auth/get-session`, { headers: cookie ? { cookie } : {} }));
  return ((await res.json()) as { user?: { email: string } } | null)?.user?.email ?? null;
}

afterAll(async () => {
  await prisma.$disconnect();
});

describe("sign-in", () => {
  it("locks an account after repeated wrong passwords, whatever the address, with a message that says how long", async () => {
    const user = await newUser("guessed");
    for (let i = 0; i < LOGIN_THROTTLE.maxFailures; i++) {
      const attempt = await signIn(user.email, "wrong password", { "x-forwarded-for": `198.51.100.${i}` });
      expect(attempt.status).toBe(401);
    }
    const locked = await signIn(user.email, password, { "x-forwarded-for": "203.0.113.9" });
    expect(locked.status).toBe(429);
    expect(locked.cookie).toBeNull();
    expect(locked.body).toMatchObject({ code: "ACCOUNT_LOCKED", message: expect.stringMatching(/Too many failed sign-ins for this account\. Wait 15 minutes/) });
    // another account is not affected
    const other = await newUser("bystander");
    expect((await signIn(other.email, password)).status).toBe(200);
    // an admin setting a new password lifts the lock
    await setUserPassword(admin, user.id, "a brand new password");
    expect((await signIn(user.email, "a brand new password")).status).toBe(200);
  });

  it("counts failures for unknown emails too, so locking does not reveal which accounts exist", async () => {
    const email = `nobody-${suffix}@signin.local`;
    for (let i = 0; i < LOGIN_THROTTLE.maxFailures; i++) expect((await signIn(email, "x-wrong-password")).status).toBe(401);
    expect((await signIn(email, "x-wrong-password")).status).toBe(429);
  });

  it("starts the count afresh after a successful sign-in", async () => {
    const user = await newUser("forgetful");
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < LOGIN_THROTTLE.maxFailures - 1; i++) expect((await signIn(user.email, "wrong password")).status).toBe(401);
      expect((await signIn(user.email, password)).status).toBe(200);
    }
  });

  it("refuses a disabled account even with the right password, and disabling ends its sessions at once", async () => {
    const user = await newUser("leaver");
    const { cookie } = await signIn(user.email, password);
    expect(await sessionUser(cookie)).toBe(user.email);
    await updateUser(admin, user.id, { disabled: true });
    expect(await sessionUser(cookie)).toBeNull();
    const refused = await signIn(user.email, password);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "ACCOUNT_DISABLED", message: expect.stringMatching(/disabled/) });
    await updateUser(admin, user.id, { disabled: false });
    expect((await signIn(user.email, password)).status).toBe(200);
  });

  it("issues sessions that end 12 hours after sign-in", async () => {
    const user = await newUser("shift");
    await signIn(user.email, password);
    const session = await prisma.session.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
    const lifetimeS = (session.expiresAt.getTime() - session.createdAt.getTime()) / 1000;
    expect(Math.abs(lifetimeS - SESSION_EXPIRES_IN_S)).toBeLessThan(5);
    expect(SESSION_EXPIRES_IN_S).toBe(12 * 3600);
  });
});

describe("admin safeguards", () => {
  it("does not let an admin disable or demote themselves (so the console always keeps an admin)", async () => {
    const solo = await newUser("solo-admin", "admin");
    const self: CurrentUser = { id: solo.id, email: solo.email, name: solo.name, role: "admin" };
    await expect(updateUser(self, solo.id, { disabled: true })).rejects.toThrow(/cannot disable yourself/);
    await expect(updateUser(self, solo.id, { role: "engineer" })).rejects.toThrow(/cannot disable yourself or take away your own admin role/);
  });

  it("drops the grants that do not fit a new role", async () => {
    const conn = await prisma.connection.create({
      data: { name: `grants-${suffix}`, platform: "enos", endpoint: "http://127.0.0.1:9", accessKey: "k", secretSealed: "v1:x:y:z" },
    });
    const user = await newUser("mover", "product");
    await prisma.userGrant.createMany({ data: [{ userId: user.id, connectionId: conn.id, productKey: "p1" }] });
    const engineer = await updateUser(admin, user.id, { role: "engineer" });
    expect(engineer.grants).toEqual([]);
  });
});
