// Message helpers shared by the EnOS token manager, client and adapter.
import type { ConnectionConfig } from "../types";

export function connLabel(conn: Pick<ConnectionConfig, "name">): string {
  return `connection “${conn.name}”`;
}

/** A short, single-line excerpt of a response body for error messages. */
export function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (!flat) return "(empty body)";
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** "code 1003: signature mismatch" or "code 1003" when the platform gave no message. */
export function codeText(code: number | string, msg?: string | null): string {
  return msg ? `code ${code}: ${msg}` : `code ${code}`;
}
