// A batch invocation as pages see it: one audit row per device, sharing one platform call.
import type { InvocationStatus } from "./status";
import type { InvocationView } from "./types";

export interface BatchView {
  batchId: string;
  connectionId: string;
  connectionName: string;
  productKey: string;
  serviceId: string;
  serviceName: string | null;
  requestedAt: string;
  /** one per device, by device key */
  rows: InvocationView[];
}

/** Statuses after which the reconciler still moves a row on (the device's reply is awaited). */
const WAITING: ReadonlySet<InvocationStatus> = new Set(["PENDING", "QUEUED", "SENT"]);

export function batchStillMoving(batch: Pick<BatchView, "rows">): boolean {
  return batch.rows.some((r) => WAITING.has(r.status));
}

/** "3 SUCCEEDED · 1 SENT", in the order statuses first appear among the rows. */
export function batchSummary(batch: Pick<BatchView, "rows">): string {
  const counts = new Map<InvocationStatus, number>();
  for (const r of batch.rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${status}`).join(" · ");
}
