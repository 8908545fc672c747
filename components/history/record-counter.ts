// Counts the records of an export as its bytes arrive, for the progress bar. A CSV record may hold
// line breaks inside quoted fields, so only line breaks outside quotes end a record.
import type { ExportFormat } from "@/lib/invocations/export-format";

export interface RecordCounter {
  /** feeds decoded text; returns the records completed so far (the CSV header is not one) */
  push(text: string): number;
}

export function recordCounter(format: ExportFormat): RecordCounter {
  let records = 0;
  let lines = 0;
  let inQuotes = false;
  return {
    push(text) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (format === "csv" && c === 34) inQuotes = !inQuotes; // a doubled "" toggles twice: no change
        else if (c === 10 && !inQuotes) lines++;
      }
      records = format === "csv" ? Math.max(lines - 1, 0) : lines;
      return records;
    },
  };
}
