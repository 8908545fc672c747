import "server-only";
import type { Cursor } from "./cursor";
import { csvHeader, csvRecord, jsonLine, type ExportFormat } from "./export-format";
import type { HistoryFilter } from "./history-filter";
import { findPage, type HistoryScope } from "./queries";
import { toInvocationView } from "./view";

export const EXPORT_BATCH = 1000;

/**
 * The filtered history, newest first, as a byte stream. It reads one keyset page per pull, so memory
 * stays at one batch however many rows match, and a slow or vanished client stops the reading.
 */
export function exportStream(scope: HistoryScope, filter: HistoryFilter, format: ExportFormat, batchSize = EXPORT_BATCH): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const encode = format === "csv" ? csvRecord : jsonLine;
  let after: Cursor | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const rows = await findPage(scope, filter, after, batchSize);
        let chunk = !started && format === "csv" ? csvHeader() : "";
        started = true;
        for (const row of rows) chunk += encode(toInvocationView(row));
        if (chunk) controller.enqueue(encoder.encode(chunk));
        const last = rows.at(-1);
        if (rows.length < batchSize || !last) controller.close();
        else after = { requestedAt: last.requestedAt, id: last.id };
      },
    },
    // one batch queued ahead of the client at most
    { highWaterMark: 1 },
  );
}
