import { describe, expect, it } from "vitest";
import { Batcher } from "./batcher";

/** A statement whose batches the test lets finish one by one. */
function gatedRun<I, O>(answer: (item: I) => O) {
  const batches: I[][] = [];
  const gates: (() => void)[] = [];
  const run = (items: I[]) => {
    batches.push(items);
    return new Promise<O[]>((resolve, reject) => {
      gates.push(() => {
        try {
          resolve(items.map(answer));
        } catch (error) {
          reject(error);
        }
      });
    });
  };
  return { run, batches, release: () => gates.shift()?.() };
}

const tick = () => new Promise((r) => setImmediate(r));
/** a few turns of the event loop: enough for a finished batch to start the next one */
const settle = async () => {
  for (let i = 0; i < 5; i++) await tick();
};

describe("Batcher", () => {
  it("sends a lone call at once, and calls made together as one batch", async () => {
    const s = gatedRun((n: number) => n * 10);
    const b = new Batcher(s.run, { maxBatch: 10, maxInFlight: 1 });
    const lone = b.add(1);
    await tick();
    expect(s.batches).toEqual([[1]]);
    s.release();
    expect(await lone).toBe(10);
    await settle();

    const together = [b.add(2), b.add(3), b.add(4)];
    await tick();
    expect(s.batches).toEqual([[1], [2, 3, 4]]);
    s.release();
    expect(await Promise.all(together)).toEqual([20, 30, 40]);
  });

  it("holds calls while a batch is at the database and sends them together afterwards, at most maxBatch at a time", async () => {
    const s = gatedRun((n: number) => `r${n}`);
    const b = new Batcher(s.run, { maxBatch: 3, maxInFlight: 1 });
    const first = b.add(0);
    await tick();
    const rest = [1, 2, 3, 4, 5].map((n) => b.add(n));
    await tick();
    expect(s.batches).toEqual([[0]]);
    expect(b.pending).toEqual({ queued: 5, inFlight: 1 });
    s.release();
    await first;
    await settle();
    expect(s.batches).toEqual([[0], [1, 2, 3]]);
    s.release();
    await settle();
    expect(s.batches).toEqual([[0], [1, 2, 3], [4, 5]]);
    s.release();
    expect(await Promise.all(rest)).toEqual(["r1", "r2", "r3", "r4", "r5"]);
    expect(b.pending).toEqual({ queued: 0, inFlight: 0 });
  });

  it("keeps up to maxInFlight batches at the database", async () => {
    const s = gatedRun((n: number) => n);
    const b = new Batcher(s.run, { maxBatch: 2, maxInFlight: 2 });
    const all = [1, 2, 3, 4, 5].map((n) => b.add(n));
    await tick();
    expect(s.batches).toEqual([[1, 2], [3, 4]]);
    s.release();
    s.release();
    await settle();
    expect(s.batches).toEqual([[1, 2], [3, 4], [5]]);
    s.release();
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5]);
  });

  it("fails every call of a failed batch, unless isolate says to try them one by one", async () => {
    const refuse = (n: number) => {
      if (n === 13) throw new Error("refused 13");
      return n;
    };
    const s = gatedRun(refuse);
    const plain = new Batcher(s.run, { maxBatch: 10, maxInFlight: 1 });
    const calls = [12, 13, 14].map((n) => plain.add(n));
    await tick();
    s.release();
    const settled = await Promise.allSettled(calls);
    expect(settled.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);

    const t = gatedRun(refuse);
    const isolating = new Batcher(t.run, { maxBatch: 10, maxInFlight: 1, isolate: (e) => e instanceof Error && /refused/.test(e.message) });
    const again = [12, 13, 14].map((n) => isolating.add(n));
    await tick();
    t.release();
    await settle();
    expect(t.batches).toEqual([[12, 13, 14], [12], [13], [14]]);
    t.release();
    t.release();
    t.release();
    const results = await Promise.allSettled(again);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([12, "refused 13", 14]);
  });

  it("does not isolate errors isolate declines (a lost database), and refuses a result count that does not match", async () => {
    const lost = new Batcher<number, number>(() => Promise.reject(new Error("Connection terminated")), {
      maxBatch: 10,
      maxInFlight: 1,
      isolate: (e) => !(e instanceof Error && /terminated/.test(e.message)),
    });
    const calls = await Promise.allSettled([lost.add(1), lost.add(2)]);
    expect(calls.map((r) => r.status)).toEqual(["rejected", "rejected"]);

    const short = new Batcher<number, number>((items) => Promise.resolve(items.slice(1)), { maxBatch: 10, maxInFlight: 1 });
    await expect(Promise.all([short.add(1), short.add(2)])).rejects.toThrow(/a batch of 2 answered 1 results/);
  });
});
