// The idempotency key of an invoke-form submission. A double click, a second click a moment later or
// Enter pressed twice is one request: the same payload submitted again within the window after the
// previous submit (or after its answer) reuses that submit's key, so the server answers with the same
// invocation and the platform is called once. Anything else, or the same request after the window, is
// a new invocation with a fresh key.
export const RESUBMIT_WINDOW_MS = 1_500;

export class SubmitKeys {
  private last: { key: string; payload: string; at: number } | null = null;

  constructor(
    private readonly newKey: () => string,
    private readonly windowMs = RESUBMIT_WINDOW_MS,
  ) {}

  /** The key for submitting `payload` (any stable serialisation of the whole request) now. */
  keyFor(payload: string, now = Date.now()): string {
    const last = this.last;
    const key = last && last.payload === payload && now - last.at <= this.windowMs ? last.key : this.newKey();
    this.last = { key, payload, at: now };
    return key;
  }

  /** The submit with `key` got its answer: the window starts again from now. */
  answered(key: string, now = Date.now()): void {
    if (this.last?.key === key) this.last.at = now;
  }
}
