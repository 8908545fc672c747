// Message helpers for the Alibaba adapter.
import type { ConnectionConfig } from "../types";

export function connLabel(conn: Pick<ConnectionConfig, "name">): string {
  return `connection “${conn.name}”`;
}

/** A short, single-line excerpt for error messages. */
export function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (!flat) return "(empty)";
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** "Code: message", or the code alone. */
export function codeText(code: string, msg?: string | null): string {
  const text = msg ? snippet(msg, 160).replace(/[.。]$/, "") : "";
  return text ? `${code}: ${text}` : code;
}
