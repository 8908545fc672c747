// EnOS v2.1 commands (enos.md §2.3): every command the emulator issued, kept for get/search, and
// per device the queue of cached commands. States: 1 Created, 2 Canceled, 3 Expired, 4 Released,
// 5 Sent successfully, 6 Failed, 7 Response timed out.
//
// Queue rules: at most MAX_QUEUED cached commands wait per device; strict FIFO; the next one is
// released only after the previous one ended; nothing is released while the device is offline or
// inactive. An instant command goes out at once when the device's queue is empty and idle (several
// instant commands may then be in flight together, as before this slice); otherwise it joins the
// back of the queue and its HTTP call waits, at most its own timeout, for release and reply.
import type { LinkOutcome } from "../mqtt/platform-link";

export const MAX_QUEUED = 50;
/** The console shows 7 days of command history; older finished commands are dropped. */
const HISTORY_MS = 7 * 24 * 3_600_000;
const MAX_HISTORY = 20_000;

export const STATE = { CREATED: 1, CANCELED: 2, EXPIRED: 3, RELEASED: 4, SUCCEEDED: 5, FAILED: 6, TIMED_OUT: 7 } as const;
export type CommandState = (typeof STATE)[keyof typeof STATE];

export interface StringI18n {
  defaultValue: string;
  i18nValue?: Record<string, string>;
}

export interface CommandRecord {
  commandId: string;
  orgId: string;
  productKey: string;
  deviceKey: string;
  assetId: string;
  /** the device's zone, for createLocaltime and time literals in searches */
  timezone: string;
  createTime: number;
  commandName: StringI18n;
  tslIdentifier: string;
  /** seconds */
  timeout: number;
  /** seconds; 0 = instant */
  pendingTtl: number;
  state: CommandState;
  inputData: Record<string, unknown>;
  outputData: Record<string, unknown> | null;
}

export type NewCommand = Omit<CommandRecord, "commandId" | "createTime" | "state" | "outputData">;

/** How an instant command ended, which decides its HTTP answer. */
export type InstantResult =
  | { kind: "reply"; code: number; message?: string; data: unknown }
  /** never released before the timeout (11904) */
  | { kind: "not-sent" }
  /** released, no reply in time (11915) */
  | { kind: "no-reply" }
  /** the emulator is stopping or resetting */
  | { kind: "closed" };

export interface CommandDeps {
  /** publishes the command to its device and waits up to timeoutMs for the reply */
  send(cmd: CommandRecord, timeoutMs: number): Promise<LinkOutcome>;
  /** online and activated: a released command can reach the device */
  canDeliver(productKey: string, deviceKey: string): boolean;
  now(): number;
  newId(): string;
}

interface Entry {
  cmd: CommandRecord;
  /** TTL timer (cached) or timeout timer (instant waiting behind the queue) */
  timer?: NodeJS.Timeout;
  /** instant commands only: the epoch ms its HTTP call gives up, and how to answer it */
  deadline?: number;
  finish?: (result: InstantResult) => void;
}

interface Lane {
  productKey: string;
  deviceKey: string;
  waiting: Entry[];
  busy: boolean;
}

const FINAL: ReadonlySet<number> = new Set([STATE.CANCELED, STATE.EXPIRED, STATE.SUCCEEDED, STATE.FAILED, STATE.TIMED_OUT]);

export class CommandStore {
  private readonly byId = new Map<string, CommandRecord>();
  private readonly lanes = new Map<string, Lane>();
  private closed = false;

  constructor(private readonly deps: CommandDeps) {}

  /** Queues a cached command (state 1); null when the device already has MAX_QUEUED waiting. */
  enqueue(n: NewCommand): CommandRecord | null {
    const lane = this.lane(n.productKey, n.deviceKey);
    if (lane.waiting.filter((e) => !e.finish).length >= MAX_QUEUED) return null;
    const entry: Entry = { cmd: this.create(n) };
    entry.timer = setTimeout(() => this.drop(lane, entry, STATE.EXPIRED), n.pendingTtl * 1000);
    lane.waiting.push(entry);
    this.pump(lane);
    return entry.cmd;
  }

  /** Runs an instant command to its end; the caller has checked that the device is online. */
  instant(n: NewCommand): { cmd: CommandRecord; result: Promise<InstantResult> } {
    const cmd = this.create(n);
    const lane = this.lane(n.productKey, n.deviceKey);
    const timeoutMs = n.timeout * 1000;
    if (lane.waiting.length === 0 && !lane.busy) return { cmd, result: this.deliver(cmd, timeoutMs) };
    const result = new Promise<InstantResult>((resolve) => {
      const entry: Entry = { cmd, deadline: this.deps.now() + timeoutMs, finish: resolve };
      entry.timer = setTimeout(() => this.drop(lane, entry, STATE.FAILED), timeoutMs);
      lane.waiting.push(entry);
      this.pump(lane);
    });
    return { cmd, result };
  }

  /**
   * Cancels the device's waiting cached commands (one, or all without commandId). Returns them as
   * they were before the cancel (state 1), which is what the platform's sample answer shows.
   * Instant commands waiting behind the queue are not cached commands and are left alone.
   */
  cancel(productKey: string, deviceKey: string, commandId?: string): CommandRecord[] {
    const lane = this.lanes.get(laneKey(productKey, deviceKey));
    if (!lane) return [];
    const picked = lane.waiting.filter((e) => !e.finish && (commandId === undefined || e.cmd.commandId === commandId));
    const before = picked.map((e) => ({ ...e.cmd }));
    for (const e of picked) this.drop(lane, e, STATE.CANCELED);
    return before;
  }

  get(commandId: string): CommandRecord | undefined {
    return this.byId.get(commandId);
  }

  /** Every command of one device still in the history, oldest first. */
  ofDevice(productKey: string, deviceKey: string): CommandRecord[] {
    return [...this.byId.values()].filter((c) => c.productKey === productKey && c.deviceKey === deviceKey);
  }

  /** Waiting commands of a device, in queue order (for the control API and tests). */
  queued(productKey: string, deviceKey: string): CommandRecord[] {
    return this.lanes.get(laneKey(productKey, deviceKey))?.waiting.map((e) => e.cmd) ?? [];
  }

  /** The device's state may have changed (e.g. it came online): release what can go now. */
  deviceChanged(productKey: string, deviceKey: string): void {
    const lane = this.lanes.get(laneKey(productKey, deviceKey));
    if (lane) this.pump(lane);
  }

  /** Forgets every command; calls still waiting end as "closed". */
  reset(): void {
    for (const lane of this.lanes.values()) {
      for (const e of lane.waiting) {
        clearTimeout(e.timer);
        e.finish?.({ kind: "closed" });
      }
    }
    this.lanes.clear();
    this.byId.clear();
  }

  close(): void {
    this.closed = true;
    this.reset();
  }

  private create(n: NewCommand): CommandRecord {
    const cmd: CommandRecord = { ...n, commandId: this.deps.newId(), createTime: this.deps.now(), state: STATE.CREATED, outputData: null };
    this.byId.set(cmd.commandId, cmd);
    this.prune();
    return cmd;
  }

  private lane(productKey: string, deviceKey: string): Lane {
    const key = laneKey(productKey, deviceKey);
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { productKey, deviceKey, waiting: [], busy: false };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /** Takes a still-waiting entry out of the queue in a final state (expired, canceled, not sent). */
  private drop(lane: Lane, entry: Entry, state: CommandState): void {
    const i = lane.waiting.indexOf(entry);
    if (i < 0) return;
    lane.waiting.splice(i, 1);
    clearTimeout(entry.timer);
    entry.cmd.state = state;
    entry.finish?.({ kind: "not-sent" });
  }

  /** Releases the head of the queue when the device can take it and nothing is in flight. */
  private pump(lane: Lane): void {
    const head = lane.waiting[0];
    if (this.closed || lane.busy || !head || !this.deps.canDeliver(lane.productKey, lane.deviceKey)) return;
    lane.waiting.shift();
    clearTimeout(head.timer);
    lane.busy = true;
    // a queued instant command only has what is left of its own timeout
    const timeoutMs = head.deadline !== undefined ? Math.max(1, head.deadline - this.deps.now()) : head.cmd.timeout * 1000;
    void this.deliver(head.cmd, timeoutMs).then((result) => {
      lane.busy = false;
      head.finish?.(result);
      this.pump(lane);
    });
  }

  private async deliver(cmd: CommandRecord, timeoutMs: number): Promise<InstantResult> {
    cmd.state = STATE.RELEASED;
    let outcome: LinkOutcome;
    try {
      outcome = await this.deps.send(cmd, timeoutMs);
    } catch {
      cmd.state = STATE.FAILED;
      return { kind: "not-sent" };
    }
    return settle(cmd, outcome);
  }

  private prune(): void {
    const cutoff = this.deps.now() - HISTORY_MS;
    for (const [id, cmd] of this.byId) {
      if (this.byId.size <= MAX_HISTORY && cmd.createTime >= cutoff) return;
      if (FINAL.has(cmd.state)) this.byId.delete(id);
    }
  }
}

function laneKey(productKey: string, deviceKey: string): string {
  return `${productKey}/${deviceKey}`;
}

/** The final state a released command reaches, and what its caller is told. */
function settle(cmd: CommandRecord, outcome: LinkOutcome): InstantResult {
  if (outcome.kind === "closed") return outcome;
  if (outcome.kind === "timeout") {
    // not acknowledged by the broker: it never left the platform, so it failed rather than timed out
    cmd.state = outcome.delivered ? STATE.TIMED_OUT : STATE.FAILED;
    return outcome.delivered ? { kind: "no-reply" } : { kind: "not-sent" };
  }
  const reply = outcome.reply.message;
  const code = typeof reply.code === "number" ? reply.code : Number(reply.code);
  const message = typeof reply.message === "string" && reply.message !== "" ? reply.message : undefined;
  if (code === 200) {
    cmd.state = STATE.SUCCEEDED;
    cmd.outputData = isRecord(reply.data) ? reply.data : {};
  } else {
    cmd.state = STATE.FAILED;
  }
  return { kind: "reply", code, message, data: reply.data };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
