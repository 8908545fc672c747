import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { prisma } from "../db";

/**
 * This console process. PENDING rows carry it so a crashed process's calls can be found. Kept on
 * globalThis: Next.js bundles this module more than once (server actions, instrumentation), and
 * two ids in one process would let the reconciler, beating for one, interrupt the other's calls.
 */
const holder = globalThis as typeof globalThis & { __consoleInstanceId?: string };
export const instanceId: string = (holder.__consoleInstanceId ??= randomUUID());

export const HEARTBEAT_MS = 5_000;
/** An instance that has not beaten for this long is taken for dead. */
export const INSTANCE_STALE_MS = 20_000;

let registered: Promise<void> | null = null;

/** Registers this process once; every invocation awaits it before recording a PENDING row. */
export function ensureInstanceRegistered(): Promise<void> {
  registered ??= prisma.consoleInstance
    .upsert({
      where: { id: instanceId },
      create: { id: instanceId, host: os.hostname(), pid: process.pid },
      update: { heartbeatAt: new Date() },
    })
    .then(() => undefined)
    .catch((error: unknown) => {
      registered = null;
      throw error;
    });
  return registered;
}

export async function heartbeat(): Promise<void> {
  await ensureInstanceRegistered();
  await prisma.consoleInstance.update({ where: { id: instanceId }, data: { heartbeatAt: new Date() } });
}
