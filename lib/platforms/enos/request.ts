// Request building and error wording shared by the EnOS v2.1 adapter and its command calls.
import type { ConnectionConfig, DeviceRef } from "../types";
import { PlatformError } from "../types";
import type { EnosReply } from "./client";
import { codeText, connLabel } from "./errors";

export const DEVICES_PATH = "/connect-service/v2.1/devices";
export const COMMANDS_PATH = "/connect-service/v2.1/commands";
export const THING_MODELS_PATH = "/model-service/v2.1/thing-models";

/** Names what a discovery call was after, for error messages. */
export interface Subject {
  action: string;
  /** e.g. "device pk01/dk01"; set when EnOS can answer "not found" */
  thing?: string;
  /** the EnOS permission the call needs; default read access */
  permission?: string;
}

export function orgIdOf(conn: ConnectionConfig): string {
  if (conn.orgId) return conn.orgId;
  throw new PlatformError(
    "request",
    `${capitalise(connLabel(conn))} has no organisation ID (orgId), which every EnOS call needs. Edit the connection.`,
    { notSent: true },
  );
}

export function deviceSelector(conn: ConnectionConfig, ref: DeviceRef): Record<string, string> {
  if (ref.productKey && ref.deviceKey) return { productKey: ref.productKey, deviceKey: ref.deviceKey };
  if (ref.assetId) return { assetId: ref.assetId };
  throw new PlatformError("request", `EnOS needs a product key and device key, or an asset ID, to find a device (${connLabel(conn)}).`, {
    notSent: true,
  });
}

export function refText(ref: DeviceRef): string {
  if (ref.productKey && ref.deviceKey) return `${ref.productKey}/${ref.deviceKey}`;
  return ref.assetId ? `with asset ID ${ref.assetId}` : "(no key)";
}

export function discoveryError(conn: ConnectionConfig, reply: EnosReply, subject: Subject): PlatformError {
  const { code, msg } = reply.envelope;
  const opts = { code: String(code), platformMessage: msg ?? undefined };
  const what = codeText(code, msg);
  if (code === 99404 || code === 11611) {
    const orgId = conn.orgId ?? "";
    return new PlatformError("request", `EnOS found no ${subject.thing ?? "match"} in organisation ${orgId} (${what}). Check the keys and the connection's orgId.`, opts);
  }
  if (code === 99403) {
    return new PlatformError("request", `The application of ${connLabel(conn)} may not ${subject.action} (${what}). Grant it ${subject.permission ?? "read access"} in EnOS.`, opts);
  }
  const kind = code === 99500 ? "platform" : "request";
  return new PlatformError(kind, `EnOS refused to ${subject.action} for ${connLabel(conn)} (${what}).`, opts);
}

export function invalidCall(conn: ConnectionConfig, problem: string): PlatformError {
  return new PlatformError("request", `${problem} for EnOS (${connLabel(conn)}).`, { notSent: true });
}

export function unexpectedData(conn: ConnectionConfig, what: string, data: unknown): PlatformError {
  const shown = JSON.stringify(data) ?? "nothing";
  return new PlatformError(
    "platform",
    `EnOS answered with unexpected data for ${what} (${connLabel(conn)}): ${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown}`,
  );
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
