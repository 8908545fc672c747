// EnOS v2.1 commands: get, search and cancel (enos.md §2.3), each answer mapped to the shared
// status (states 1..7 -> QUEUED, CANCELED, EXPIRED, SENT, SUCCEEDED, FAILED, TIMED_OUT) with the
// raw state kept. Also what a reconciler needs: poll (what became of a call) and cancel.
import { i18nFromEnos } from "../../thing-model/enos";
import type { ConnectionConfig, DeviceRef, InvocationHandle, InvokeOutcome, Page } from "../types";
import { PlatformError } from "../types";
import { callEnos, type EnosCall, type EnosReply } from "./client";
import { describeCommandState, messageText } from "./codes";
import { COMMANDS_PATH, deviceSelector, discoveryError, orgIdOf, refText, unexpectedData, type Subject } from "./request";
import { commandSchema, type EnosCommand } from "./schemas";
import type { EnosTokenManager } from "./token";

/** A command as the console sees it: its outcome plus what identifies it. */
export interface CommandOutcome extends InvokeOutcome {
  commandId: string;
  /** the service (tslIdentifier) */
  serviceId?: string;
  serviceName?: string;
  createdAt?: Date;
  pendingTtlS?: number;
  timeoutS?: number;
}

export interface CommandSearch {
  /** EnOS expression, e.g. `state = 1`, `commandName.en_US like 'reboot'`, `createTime >= '2024-05-01 08:00:00'` */
  expression?: string;
  pageNo: number;
  pageSize: number;
}

/** The platform default for command searches; also the most a reconciler looks back over. */
const SEARCH_PAGE_SIZE = 100;
/** Clock difference allowed between this server and EnOS when matching a command to a call. */
const MATCH_SKEW_MS = 60_000;
const PERMISSION = "the Asset / Control permission";

export class EnosCommands {
  constructor(
    private readonly tokens: EnosTokenManager,
    private readonly timeoutMs: number,
  ) {}

  async get(conn: ConnectionConfig, ref: DeviceRef, commandId: string): Promise<CommandOutcome> {
    const subject = { action: `get command ${commandId}`, thing: `command ${commandId} of device ${refText(ref)}`, permission: PERMISSION };
    const reply = await this.call(conn, { method: "GET", path: COMMANDS_PATH, query: { action: "get", ...this.target(conn, ref), commandId } }, subject);
    return toCommandOutcome(conn, reply.envelope.data, reply.envelope.requestId);
  }

  async search(conn: ConnectionConfig, ref: DeviceRef, q: CommandSearch): Promise<Page<CommandOutcome>> {
    const pageNo = Math.max(1, Math.floor(q.pageNo) || 1);
    const pageSize = Math.max(1, Math.floor(q.pageSize) || SEARCH_PAGE_SIZE);
    const body = { ...(q.expression ? { expression: q.expression } : {}), pagination: { pageNo, pageSize } };
    const subject = { action: `search the commands of device ${refText(ref)}`, thing: `device ${refText(ref)}`, permission: PERMISSION };
    const reply = await this.call(conn, { method: "POST", path: COMMANDS_PATH, query: { action: "search", ...this.target(conn, ref) }, body }, subject);
    const { data, pagination, requestId } = reply.envelope;
    if (!Array.isArray(data)) throw unexpectedData(conn, "command search", data);
    const items = data.map((raw) => toCommandOutcome(conn, raw, requestId));
    return { items, pageNo: pagination?.pageNo ?? pageNo, pageSize: pagination?.pageSize ?? pageSize, total: pagination?.totalSize ?? items.length };
  }

  /**
   * Cancels one cached command. EnOS answers with the commands it cancelled (its sample echoes
   * them in their pre-cancel state 1, so the echoed state is not read). When ours is not among
   * them it had already left state 1: the answer is then its current state, with a note.
   */
  async cancel(conn: ConnectionConfig, ref: DeviceRef, commandId: string): Promise<CommandOutcome> {
    const subject = { action: `cancel command ${commandId}`, thing: `command ${commandId} of device ${refText(ref)}`, permission: PERMISSION };
    const reply = await this.call(conn, { method: "POST", path: COMMANDS_PATH, query: { action: "cancel", ...this.target(conn, ref), commandId } }, subject);
    const { data, requestId } = reply.envelope;
    if (!Array.isArray(data)) throw unexpectedData(conn, "command cancel", data);
    const ours = data.map((raw) => commandSchema.safeParse(raw)).find((p) => p.success && p.data.commandId === commandId);
    if (ours?.success) return { ...toCommandOutcome(conn, { ...ours.data, state: 2 }, requestId), rawState: "2" };
    const current = await this.get(conn, ref, commandId);
    const note = messageText("invoke:not-cancelled");
    return { ...current, message: current.message ? `${note} ${current.message}` : note };
  }

  /**
   * What became of a call: by its commandId, or (an interrupted instant call never got one) the
   * only command for its service created around its time. null = EnOS has nothing to report
   * (command unknown or purged, no match, or several candidates that cannot be told apart).
   */
  async poll(conn: ConnectionConfig, ref: DeviceRef, handle: InvocationHandle): Promise<CommandOutcome | null> {
    if (handle.commandId) {
      try {
        return await this.get(conn, ref, handle.commandId);
      } catch (e) {
        if (e instanceof PlatformError && e.code === "99404") return null;
        throw e;
      }
    }
    const page = await this.search(conn, ref, { pageNo: 1, pageSize: SEARCH_PAGE_SIZE });
    const from = handle.requestedAt.getTime() - MATCH_SKEW_MS;
    const to = handle.requestedAt.getTime() + handle.timeoutMs + MATCH_SKEW_MS;
    const matches = page.items.filter((c) => {
      const at = c.createdAt?.getTime();
      return c.serviceId === handle.serviceId && at !== undefined && at >= from && at <= to;
    });
    return matches.length === 1 ? (matches[0] ?? null) : null;
  }

  private target(conn: ConnectionConfig, ref: DeviceRef): Record<string, string> {
    return { orgId: orgIdOf(conn), ...deviceSelector(conn, ref) };
  }

  private async call(conn: ConnectionConfig, call: Omit<EnosCall, "timeoutMs">, subject: Subject): Promise<EnosReply> {
    const reply = await callEnos(conn, this.tokens, { ...call, timeoutMs: this.timeoutMs });
    if (reply.envelope.code !== 0) throw discoveryError(conn, reply, subject);
    return reply;
  }
}

/** One Command struct -> its outcome; an unreadable one is a platform error naming the data. */
export function toCommandOutcome(conn: ConnectionConfig, raw: unknown, requestId?: string | null): CommandOutcome {
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) throw unexpectedData(conn, "a command", raw);
  return commandOutcome(parsed.data, requestId);
}

export function commandOutcome(cmd: EnosCommand, requestId?: string | null): CommandOutcome {
  const state = cmd.state ?? undefined;
  const mapped = state === undefined ? undefined : describeCommandState(state);
  const out: CommandOutcome = {
    commandId: cmd.commandId,
    // a state this code does not know: the outcome is unknown, not a failure
    status: mapped?.status ?? "INTERRUPTED",
    message: mapped?.message ?? messageText("invoke:unknown-state", { state: String(state) }),
  };
  if (out.status === "SUCCEEDED") delete out.message;
  if (state !== undefined) out.rawState = String(state);
  if (requestId) out.platformRequestId = requestId;
  if (cmd.outputData !== undefined && cmd.outputData !== null) out.output = cmd.outputData;
  if (cmd.tslIdentifier) out.serviceId = cmd.tslIdentifier;
  const name = i18nFromEnos(cmd.commandName)?.default;
  if (name) out.serviceName = name;
  if (typeof cmd.createTime === "number") out.createdAt = new Date(cmd.createTime);
  if (typeof cmd.pendingTtl === "number") out.pendingTtlS = cmd.pendingTtl;
  if (typeof cmd.timeout === "number") out.timeoutS = cmd.timeout;
  return out;
}
