import type { ConnectionConfig, InvokeOutcome } from "../platforms/types";
import { PlatformError } from "../platforms/types";

// Transport errors end with the first; the outcome says the second, which is what the reader acts on.
const PLATFORM_CAVEAT = /\s*The request may have reached the platform\.\s*$/;
const DEVICE_CAVEAT = "The request may have reached the device; check it before invoking again.";

const withStop = (text: string): string => (/[.!?。)]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/**
 * The outcome of a call that threw instead of answering. A request that may have reached the
 * platform is INTERRUPTED (outcome unknown), never FAILED: the device may have acted on it.
 */
export function outcomeFromError(error: unknown, conn: Pick<ConnectionConfig, "name">): InvokeOutcome {
  if (error instanceof PlatformError) {
    // A 5xx or an unreadable answer may come after the gateway passed the command on.
    const mayHaveBeenSent = (error.kind === "network" && !error.notSent) || error.kind === "platform";
    return {
      status: mayHaveBeenSent ? "INTERRUPTED" : "FAILED",
      platformCode: error.code,
      platformMessage: error.platformMessage,
      message: mayHaveBeenSent ? `${withStop(error.message.replace(PLATFORM_CAVEAT, ""))} ${DEVICE_CAVEAT}` : error.message,
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    status: "INTERRUPTED",
    message: `The console hit an unexpected error while calling “${conn.name}”: ${detail}. The request may have reached the device.`,
  };
}
