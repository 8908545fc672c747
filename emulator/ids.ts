import { randomBytes } from "node:crypto";

/** 32 lowercase hex characters, like EnOS's requestId. */
export function newRequestId(): string {
  return randomBytes(16).toString("hex");
}

let commandSeq = 0;

/**
 * A numeric string of 19 digits like EnOS command ids ("2078724684846989312"): ms time plus a
 * counter, so ids sort by creation and never repeat within a process.
 */
export function newCommandId(): string {
  commandSeq = (commandSeq + 1) % 1_000_000;
  return `${Date.now()}${String(commandSeq).padStart(6, "0")}`;
}

export function newToken(): string {
  return randomBytes(24).toString("hex");
}
