import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LinkOutcome } from "../mqtt/platform-link";
import { CommandStore, MAX_QUEUED, STATE, type CommandRecord, type NewCommand } from "./commands";

interface Sent {
  cmd: CommandRecord;
  timeoutMs: number;
  resolve: (o: LinkOutcome) => void;
}

let sent: Sent[];
let online: boolean;
let store: CommandStore;
let seq: number;

const reply = (code: number, data: unknown = {}): LinkOutcome => ({
  kind: "reply",
  reply: { message: { id: "x", code, data }, raw: "", receivedAt: Date.now() },
});

function command(overrides: Partial<NewCommand> = {}): NewCommand {
  return {
    orgId: "o1",
    productKey: "pk",
    deviceKey: "dk",
    assetId: "a1",
    timezone: "+08:00",
    commandName: { defaultValue: "Reboot" },
    tslIdentifier: "reboot",
    timeout: 30,
    pendingTtl: 60,
    inputData: {},
    ...overrides,
  };
}

/** Lets promise callbacks (the queue's `then`) run. */
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  online = false;
  seq = 0;
  store = new CommandStore({
    send: (cmd, timeoutMs) => new Promise((resolve) => sent.push({ cmd, timeoutMs, resolve })),
    canDeliver: () => online,
    now: () => Date.now(),
    newId: () => String(++seq),
  });
});

afterEach(() => {
  store.close();
  vi.useRealTimers();
});

function goOnline(): void {
  online = true;
  store.deviceChanged("pk", "dk");
}

describe("cached commands", () => {
  it("wait in state 1 while the device is offline and expire when the TTL runs out", async () => {
    const cmd = store.enqueue(command({ pendingTtl: 2 }))!;
    expect(cmd.state).toBe(STATE.CREATED);
    await vi.advanceTimersByTimeAsync(1999);
    expect(cmd.state).toBe(STATE.CREATED);
    await vi.advanceTimersByTimeAsync(1);
    expect(cmd.state).toBe(STATE.EXPIRED);
    expect(store.queued("pk", "dk")).toEqual([]);
    goOnline();
    expect(sent).toEqual([]);
  });

  it("refuses a 51st waiting command; an expired one frees its place", async () => {
    store.enqueue(command({ pendingTtl: 1 }));
    for (let i = 1; i < MAX_QUEUED; i++) expect(store.enqueue(command())).not.toBeNull();
    expect(store.enqueue(command())).toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.enqueue(command())).not.toBeNull();
  });

  it("go out in FIFO order when the device comes online, one after the other", async () => {
    const [a, b, c] = [1, 2, 3].map(() => store.enqueue(command())!);
    goOnline();
    expect(sent.map((s) => s.cmd.commandId)).toEqual([a!.commandId]);
    expect([a!.state, b!.state, c!.state]).toEqual([STATE.RELEASED, STATE.CREATED, STATE.CREATED]);
    sent[0]!.resolve(reply(200, { result: "ok" }));
    await flush();
    expect(a).toMatchObject({ state: STATE.SUCCEEDED, outputData: { result: "ok" } });
    expect(sent.map((s) => s.cmd.commandId)).toEqual([a!.commandId, b!.commandId]);
    sent[1]!.resolve({ kind: "timeout", delivered: true });
    await flush();
    expect(b!.state).toBe(STATE.TIMED_OUT);
    sent[2]!.resolve(reply(2001));
    await flush();
    expect(c!.state).toBe(STATE.FAILED);
  });

  it("use their own timeout once released, and are not expired while in flight", async () => {
    goOnline();
    const cmd = store.enqueue(command({ timeout: 5, pendingTtl: 1 }))!;
    expect(sent[0]!.timeoutMs).toBe(5000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(cmd.state).toBe(STATE.RELEASED);
  });

  it("stop while the device is offline again", async () => {
    store.enqueue(command());
    const second = store.enqueue(command())!;
    goOnline();
    online = false;
    sent[0]!.resolve(reply(200));
    await flush();
    expect(second.state).toBe(STATE.CREATED);
    expect(sent).toHaveLength(1);
  });
});

describe("cancel", () => {
  it("cancels one waiting command and echoes it as it was (state 1)", () => {
    const a = store.enqueue(command())!;
    const b = store.enqueue(command())!;
    const echoed = store.cancel("pk", "dk", a.commandId);
    expect(echoed).toEqual([expect.objectContaining({ commandId: a.commandId, state: STATE.CREATED })]);
    expect(a.state).toBe(STATE.CANCELED);
    expect(b.state).toBe(STATE.CREATED);
    expect(store.queued("pk", "dk").map((c) => c.commandId)).toEqual([b.commandId]);
  });

  it("cancels every waiting command without an id, and nothing that already left", async () => {
    goOnline();
    const inFlight = store.enqueue(command())!;
    const waiting = [store.enqueue(command())!, store.enqueue(command())!];
    expect(store.cancel("pk", "dk").map((c) => c.commandId)).toEqual(waiting.map((c) => c.commandId));
    expect(waiting.map((c) => c.state)).toEqual([STATE.CANCELED, STATE.CANCELED]);
    expect(inFlight.state).toBe(STATE.RELEASED);
    expect(store.cancel("pk", "dk", inFlight.commandId)).toEqual([]);
  });
});

describe("instant commands", () => {
  it("go out at once, side by side, when the queue is empty", async () => {
    online = true;
    const a = store.instant(command({ pendingTtl: 0, timeout: 10 }));
    const b = store.instant(command({ pendingTtl: 0, timeout: 10 }));
    expect(sent.map((s) => s.timeoutMs)).toEqual([10_000, 10_000]);
    sent[0]!.resolve(reply(200, { x: 1 }));
    sent[1]!.resolve({ kind: "timeout", delivered: false });
    expect(await a.result).toEqual({ kind: "reply", code: 200, message: undefined, data: { x: 1 } });
    expect(await b.result).toEqual({ kind: "not-sent" });
    expect([a.cmd.state, b.cmd.state]).toEqual([STATE.SUCCEEDED, STATE.FAILED]);
  });

  it("join the back of a non-empty queue and get only what is left of their timeout", async () => {
    goOnline();
    store.enqueue(command());
    const instant = store.instant(command({ pendingTtl: 0, timeout: 10 }));
    expect(instant.cmd.state).toBe(STATE.CREATED);
    await vi.advanceTimersByTimeAsync(4000);
    sent[0]!.resolve(reply(200));
    await flush();
    expect(sent[1]!.cmd.commandId).toBe(instant.cmd.commandId);
    expect(sent[1]!.timeoutMs).toBe(6000);
    sent[1]!.resolve(reply(200));
    expect(await instant.result).toMatchObject({ kind: "reply", code: 200 });
  });

  it("end as not sent (state 6) when the queue does not release them in time", async () => {
    store.enqueue(command());
    const instant = store.instant(command({ pendingTtl: 0, timeout: 3 }));
    await vi.advanceTimersByTimeAsync(3000);
    expect(await instant.result).toEqual({ kind: "not-sent" });
    expect(instant.cmd.state).toBe(STATE.FAILED);
    expect(store.cancel("pk", "dk")).toHaveLength(1); // the cached one is still there; instants are not cancelled
  });

  it("end as closed on reset", async () => {
    store.enqueue(command());
    const instant = store.instant(command({ pendingTtl: 0 }));
    store.reset();
    expect(await instant.result).toEqual({ kind: "closed" });
    expect(store.get(instant.cmd.commandId)).toBeUndefined();
  });
});

describe("history", () => {
  it("finds commands by id and by device, instant and cached", () => {
    online = true;
    const a = store.enqueue(command())!;
    const b = store.instant(command({ pendingTtl: 0 })).cmd;
    store.enqueue(command({ deviceKey: "other" }));
    expect(store.get(a.commandId)).toBe(a);
    expect(store.ofDevice("pk", "dk").map((c) => c.commandId)).toEqual([a.commandId, b.commandId]);
  });

  it("drops finished commands after 7 days", async () => {
    online = true;
    const old = store.instant(command({ pendingTtl: 0 }));
    sent[0]!.resolve(reply(200));
    await old.result;
    vi.setSystemTime(Date.now() + 7 * 24 * 3_600_000 + 1);
    store.enqueue(command());
    expect(store.get(old.cmd.commandId)).toBeUndefined();
  });
});
