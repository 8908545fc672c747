// Service calls per device, for QueryDeviceServiceData: input when the call is made, the device's
// reply when it arrives (sync over RRPC, async on `…_reply`).

export interface ServiceCall {
  iotId: string;
  /** `svc` or `module:svc` */
  identifier: string;
  name: string;
  /** ms when the platform sent the call */
  time: number;
  /** the Args text as received */
  inputData: string;
  /** the device's reply as published, once it arrives */
  outputData: string | null;
  messageId: string;
}

// Bounded so a long-running demo does not grow without limit.
const MAX_ENTRIES = 20_000;

export class ServiceHistory {
  private entries: ServiceCall[] = [];

  add(call: Omit<ServiceCall, "outputData">): ServiceCall {
    const entry: ServiceCall = { ...call, outputData: null };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  /** One device's calls in time order, optionally of one service. */
  list(iotId: string, identifier?: string): ServiceCall[] {
    return this.entries.filter((e) => e.iotId === iotId && (identifier === undefined || e.identifier === identifier));
  }

  clear(): void {
    this.entries = [];
  }
}
