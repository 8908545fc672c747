// How an invocation is written to an export file: CSV (RFC 4180, for spreadsheets) or JSON lines
// (for programs). Pure, so the exact bytes are unit-tested.
import type { InvocationView } from "./types";

export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
};

type Cell = string | number | null;
type Kind = "text" | "number";

interface Column {
  header: string;
  kind: Kind;
  value: (v: InvocationView) => Cell;
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** Times are the view's ISO-8601 UTC strings; numbers stay raw so a spreadsheet can sum them. */
export const CSV_COLUMNS: readonly Column[] = [
  { header: "id", kind: "text", value: (v) => v.id },
  { header: "requestedAt", kind: "text", value: (v) => v.requestedAt },
  { header: "sentAt", kind: "text", value: (v) => v.sentAt },
  { header: "deviceRepliedAt", kind: "text", value: (v) => v.deviceRepliedAt },
  { header: "completedAt", kind: "text", value: (v) => v.completedAt },
  { header: "latencyMs", kind: "number", value: (v) => v.latencyMs },
  { header: "status", kind: "text", value: (v) => v.status },
  { header: "userEmail", kind: "text", value: (v) => v.userEmail },
  { header: "userRole", kind: "text", value: (v) => v.userRole },
  { header: "userId", kind: "text", value: (v) => v.userId },
  { header: "connectionName", kind: "text", value: (v) => v.connectionName },
  { header: "connectionId", kind: "text", value: (v) => v.connectionId },
  { header: "platform", kind: "text", value: (v) => v.platform },
  { header: "orgId", kind: "text", value: (v) => v.orgId },
  { header: "productKey", kind: "text", value: (v) => v.productKey },
  { header: "deviceKey", kind: "text", value: (v) => v.deviceKey },
  { header: "assetId", kind: "text", value: (v) => v.assetId },
  { header: "deviceName", kind: "text", value: (v) => v.deviceName },
  { header: "serviceId", kind: "text", value: (v) => v.serviceId },
  { header: "serviceName", kind: "text", value: (v) => v.serviceName },
  { header: "reason", kind: "text", value: (v) => v.reason ?? null },
  { header: "mode", kind: "text", value: (v) => v.mode },
  { header: "timeoutMs", kind: "number", value: (v) => v.timeoutMs },
  { header: "pendingTtlS", kind: "number", value: (v) => v.pendingTtlS },
  { header: "input", kind: "text", value: (v) => json(v.input) },
  { header: "output", kind: "text", value: (v) => json(v.output) },
  { header: "platformCode", kind: "text", value: (v) => v.platformCode },
  { header: "platformMessage", kind: "text", value: (v) => v.platformMessage },
  { header: "message", kind: "text", value: (v) => v.message },
  { header: "platformRequestId", kind: "text", value: (v) => v.platformRequestId },
  { header: "commandId", kind: "text", value: (v) => v.commandId },
  { header: "messageId", kind: "text", value: (v) => v.messageId },
  { header: "rawState", kind: "text", value: (v) => v.rawState },
];

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: text that could run as a formula gets a leading apostrophe; quoted when needed. */
export function csvField(value: Cell, kind: Kind = "text"): string {
  if (value === null) return "";
  if (kind === "number" && typeof value === "number") return String(value);
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

const CRLF = "\r\n";

export function csvHeader(): string {
  return CSV_COLUMNS.map((c) => c.header).join(",") + CRLF;
}

export function csvRecord(v: InvocationView): string {
  return CSV_COLUMNS.map((c) => csvField(c.value(v), c.kind)).join(",") + CRLF;
}

/** One JSON object per line: the invocation view without its event timeline. */
export function jsonLine(v: InvocationView): string {
  const { events: _events, ...rest } = v;
  return JSON.stringify(rest) + "\n";
}

export function exportFileName(format: ExportFormat, at: Date): string {
  return `invocations-${at.toISOString().replace(/[:.]/g, "-")}.${format}`;
}
