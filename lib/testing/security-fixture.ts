// A small world for the security integration tests: the emulator, two connections to it (A is
// granted, B is not), one real user per role with a password and a session, and one invocation on
// each connection. Names carry a per-run suffix so runs never collide in a shared database.
import { randomUUID } from "node:crypto";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { createUser, setUserGrants } from "../admin/users";
import { loadSecretKey, seal } from "../crypto/seal";
import { prisma } from "../db";
import { invokeService } from "../invocations/invoke";
import type { CurrentUser } from "../invocations/types";
import { signIn } from "./action-session";

export const ROLES_UNDER_TEST = ["admin", "engineer", "product", "manager"] as const;
export type RoleUnderTest = (typeof ROLES_UNDER_TEST)[number];

export const DEMO_SECRET = "demo-enos-secret-key";
export const PRODUCT = "demoPump";
export const pump = (n: number) => ({ productKey: PRODUCT, deviceKey: `pump-${String(n).padStart(3, "0")}` });

export interface SecurityWorld {
  emu: RunningEmulator;
  suffix: string;
  connA: string;
  connB: string;
  users: Record<RoleUnderTest, CurrentUser & { password: string }>;
  cookies: Record<RoleUnderTest, string>;
  invA: string;
  invB: string;
  stop(): Promise<void>;
}

async function addConnection(emu: RunningEmulator, name: string): Promise<string> {
  const row = await prisma.connection.create({
    data: { name, platform: "enos", endpoint: emu.enosUrl, orgId: "o15000000000001", accessKey: "demo-enos-access-key", secretSealed: seal(DEMO_SECRET, loadSecretKey()) },
  });
  return row.id;
}

export async function createSecurityWorld(): Promise<SecurityWorld> {
  const emu = await startEmulator({ enosPort: 0, aliyunPort: 0, mqttPort: 0 });
  const suffix = randomUUID().slice(0, 8);
  const connA = await addConnection(emu, `sec-A-${suffix}`);
  const connB = await addConnection(emu, `sec-B-${suffix}`);
  const bootstrap: CurrentUser = { id: "bootstrap", email: "bootstrap@sec.local", name: "bootstrap", role: "admin" };
  const users = {} as SecurityWorld["users"];
  const cookies = {} as SecurityWorld["cookies"];
  for (const role of ROLES_UNDER_TEST) {
    const password = `pw-${role}-${suffix}-long`;
    const view = await createUser(bootstrap, { name: `${role} ${suffix}`, email: `${role}-${suffix}@sec.local`, password, role });
    users[role] = { id: view.id, email: view.email, name: view.name, role, password };
    const session = await signIn(view.email, password);
    if (!session.cookie) throw new Error(`could not sign in as ${role}: ${JSON.stringify(session.body)}`);
    cookies[role] = session.cookie;
  }
  await setUserGrants(bootstrap, users.engineer.id, [{ connectionId: connA, productKey: null }]);
  await setUserGrants(bootstrap, users.product.id, [{ connectionId: connA, productKey: PRODUCT }]);
  const call = (connectionId: string) =>
    invokeService(users.admin, { connectionId, device: pump(1), serviceId: "getStatus", input: {}, timeoutMs: 10_000 });
  const invA = (await call(connA)).id;
  const invB = (await call(connB)).id;
  return { emu, suffix, connA, connB, users, cookies, invA, invB, stop: () => emu.stop() };
}

/** The emulator's request log since the last clear: what reached the "platform". */
export async function platformRequests(emu: RunningEmulator): Promise<{ method: string; path: string; query: Record<string, string> }[]> {
  const res = await fetch(`${emu.enosUrl}/_emulator/requests`);
  return ((await res.json()) as { requests: { method: string; path: string; query: Record<string, string> }[] }).requests;
}

export async function clearPlatformRequests(emu: RunningEmulator): Promise<void> {
  await fetch(`${emu.enosUrl}/_emulator/requests`, { method: "DELETE" });
}
