// Group commit for the statements every invocation runs: calls made while an earlier batch of the
// same statement is still at the database wait for it and then go together, as one statement (one
// round trip, one commit). Alone, a call goes at once (after the current turn of the event loop, so
// calls that arrive together leave together). Under load this turns fifty single-row writes into a
// few many-row ones: far fewer socket writes and commits, for the console and for PostgreSQL.
//
// The statement run for a batch must be atomic (one SQL statement), so a failed batch wrote
// nothing; when `isolate` says so, each call of a failed batch is then tried alone, and only the
// call that caused the failure (a value PostgreSQL refuses) fails.

export interface BatcherOptions {
  /** the most calls one batch carries */
  maxBatch: number;
  /** batches of this statement at the database at once (at most the pool's size) */
  maxInFlight: number;
  /** whether a batch that failed so should be retried call by call (default: never) */
  isolate?: (error: unknown) => boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export class Batcher<I, O> {
  private queue: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  /** `run` gets the calls of one batch and answers one result per call, in the same order. */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: BatcherOptions,
  ) {
    if (options.maxBatch < 1 || options.maxInFlight < 1) throw new Error("maxBatch and maxInFlight must be at least 1");
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** calls waiting for a batch, and batches at the database (for tests and diagnostics) */
  get pending(): { queued: number; inFlight: number } {
    return { queued: this.queue.length, inFlight: this.inFlight };
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        if (this.queue.length) this.schedule();
      });
    }
  }

  private async send(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} answered ${results.length} results`);
      batch.forEach((w, i) => w.resolve(results[i] as O));
    } catch (error) {
      if (batch.length > 1 && this.options.isolate?.(error)) {
        await Promise.all(batch.map((w) => this.send([w])));
        return;
      }
      for (const w of batch) w.reject(error);
    }
  }
}
