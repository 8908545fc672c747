import { describe, expect, it } from "vitest";
import { batchStillMoving, batchSummary } from "./batch-view";
import type { InvocationStatus } from "./status";

const rows = (...statuses: InvocationStatus[]) => ({ rows: statuses.map((status) => ({ status }) as never) });

describe("batch view helpers", () => {
  it("keeps watching while a row still waits for its device", () => {
    expect(batchStillMoving(rows("SUCCEEDED", "SENT"))).toBe(true);
    expect(batchStillMoving(rows("PENDING"))).toBe(true);
    expect(batchStillMoving(rows("SUCCEEDED", "FAILED", "TIMED_OUT"))).toBe(false);
    // an interrupted row is left to the reconciler; the page stops asking
    expect(batchStillMoving(rows("INTERRUPTED"))).toBe(false);
  });

  it("counts the rows by status, in order of first appearance", () => {
    expect(batchSummary(rows("SENT", "SUCCEEDED", "SENT"))).toBe("2 SENT · 1 SUCCEEDED");
  });
});
