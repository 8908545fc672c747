// POST /api/callbacks/enos-legacy/<requestId>?sig=…: the result of an ASYNC call on the older EnOS
// API, delivered by the platform to the URL the call named (lib/platforms/enos-legacy/callback.ts).
// It finishes the invocation still SENT for that request id, as the reconciler would.
import "server-only";
import { prisma } from "../db";
import { loadSecretKey } from "../crypto/seal";
import { callbackOutcome, isCallbackSignature } from "../platforms/enos-legacy/callback";
import { serviceInvokeInfoSchema } from "../platforms/enos-legacy/schemas";
import { ApiError, invalidRequest } from "../api/errors";
import { applyOutcome } from "./reconciler";
import { isFinal, type InvocationStatus } from "./status";

export type CallbackResult = { invocationId: string; status: InvocationStatus; applied: boolean };

/** How long a result may wait for its invocation's SENT row (the call's answer can arrive after the result). */
const ROW_WAIT_MS = 5_000;

export async function acceptLegacyCallback(requestId: string, signature: string | null, body: unknown): Promise<CallbackResult> {
  if (!isCallbackSignature(loadSecretKey(), requestId, signature)) {
    throw new ApiError("forbidden", "This callback address was not issued by this console (bad or missing signature).");
  }
  const parsed = serviceInvokeInfoSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest("The body is not a ServiceInvokeInfo.", [{ path: "", message: "must be a ServiceInvokeInfo object" }]);
  const info = parsed.data;
  if (info.requestId && info.requestId !== requestId) {
    throw invalidRequest("The result is for another request.", [{ path: "requestId", message: `must be ${requestId}, as in the address` }]);
  }
  const row = await waitForRow(requestId);
  if (!row) throw new ApiError("not_found", `No invocation of the older EnOS API has request id ${requestId}.`);
  if (row.status !== "SENT") return { invocationId: row.id, status: row.status, applied: false };
  const outcome = callbackOutcome({ ...info, requestId }, new Date());
  try {
    await applyOutcome(row, outcome);
  } catch (error) {
    // the reconciler finished it (timed out) a moment ago: the database refuses a second ending
    const now = await findRow(requestId);
    if (now && isFinal(now.status)) return { invocationId: now.id, status: now.status, applied: false };
    throw error;
  }
  return { invocationId: row.id, status: outcome.status, applied: true };
}

function findRow(requestId: string) {
  return prisma.invocation.findFirst({
    where: { platform: "enos-legacy", platformRequestId: requestId },
    select: { id: true, status: true, requestedAt: true, pollAttempts: true },
  });
}

async function waitForRow(requestId: string) {
  const deadline = Date.now() + ROW_WAIT_MS;
  for (;;) {
    const row = await findRow(requestId);
    if ((row && row.status !== "PENDING") || Date.now() >= deadline) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
}
