// Finished invocations of the older API: what an ASYNC call's control channel (and any callbackUrl)
// receives. Kept for the control API so tests can see what was delivered.

export interface ServiceInvokeInfo {
  requestId: string;
  messageId: string | null;
  requestMethod: string;
  callType: "SYNC" | "ASYNC";
  controlChannelId: string | null;
  productKey: string;
  deviceKey: string;
  assetId: string;
  serviceName: string;
  serviceId: string;
  callbackUrl: string | null;
  inputData: Record<string, unknown>;
  outputData: Record<string, unknown> | null;
  status: number;
  msg: string;
  submsg: string | null;
  /** ms */
  timeout: number;
  gmtServiceRequest: number;
  gmtServiceReply: number;
  /** -1 while the device has not replied */
  gmtDeviceReply: number;
}

const MAX_RESULTS = 1000;

export class LegacyResults {
  private results: ServiceInvokeInfo[] = [];

  add(info: ServiceInvokeInfo): void {
    this.results.push(info);
    if (this.results.length > MAX_RESULTS) this.results.splice(0, this.results.length - MAX_RESULTS);
  }

  list(filter: { requestId?: string; controlChannelId?: string } = {}): ServiceInvokeInfo[] {
    return this.results.filter(
      (r) =>
        (filter.requestId === undefined || r.requestId === filter.requestId) &&
        (filter.controlChannelId === undefined || r.controlChannelId === filter.controlChannelId),
    );
  }

  clear(): void {
    this.results = [];
  }
}

/** POSTs the result to the caller's callbackUrl. Best effort: the docs say not to rely on it. */
export async function postCallback(info: ServiceInvokeInfo, log: (line: string) => void): Promise<void> {
  if (!info.callbackUrl) return;
  try {
    const res = await fetch(info.callbackUrl, {
      method: "POST",
      headers: { "content-type": "application/json;charset=UTF-8" },
      body: JSON.stringify(info),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) log(`enos legacy callback ${info.callbackUrl} answered HTTP ${res.status}`);
  } catch (e) {
    log(`enos legacy callback ${info.callbackUrl} failed: ${(e as Error).message}`);
  }
}
