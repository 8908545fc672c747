// The platform side of the downstream channel: one MQTT client that publishes requests to
// devices and matches their replies (by reply topic and message id) to the waiting call.
import { connectAsync, type MqttClient } from "mqtt";
import { enableNoDelay } from "./no-delay";

export interface LinkReply {
  /** the parsed reply message */
  message: Record<string, unknown>;
  /** the reply payload as received (Alibaba returns it verbatim, float literals included) */
  raw: string;
  receivedAt: number;
}

export type LinkOutcome =
  | { kind: "reply"; reply: LinkReply }
  /** no reply in time; `delivered` says whether the broker had acknowledged the request */
  | { kind: "timeout"; delivered: boolean }
  /** the emulator is stopping */
  | { kind: "closed" };

export interface LinkRequest {
  topic: string;
  replyTopic: string;
  id: string;
  payload: string;
  timeoutMs: number;
  /** MQTT QoS of the request; default 1 (Alibaba RRPC requests go out at QoS 0) */
  qos?: 0 | 1;
}

interface Pending {
  resolve: (o: LinkOutcome) => void;
  timer: NodeJS.Timeout;
  delivered: boolean;
}

export class PlatformLink {
  private readonly pending = new Map<string, Pending>();

  private constructor(
    private readonly client: MqttClient,
    private readonly log: (line: string) => void,
  ) {
    client.on("message", (topic, payload) => this.onMessage(topic, payload));
    client.on("error", (e) => log(`platform MQTT client: ${e.message}`));
  }

  /** `replyFilters`: subscriptions that cover every reply topic the platforms expect. */
  static async connect(
    url: string,
    auth: { clientId: string; username?: string; password?: string },
    replyFilters: string[],
    log: (line: string) => void,
  ): Promise<PlatformLink> {
    const client = await connectAsync(
      url,
      { ...auth, protocolVersion: 4, clean: true, reconnectPeriod: 1000, connectTimeout: 5000 },
      false,
    );
    enableNoDelay(client);
    const link = new PlatformLink(client, log);
    await client.subscribeAsync(replyFilters, { qos: 1 });
    return link;
  }

  /** Publishes a request (QoS 1) and waits for the matching reply or the timeout. */
  request(req: LinkRequest): Promise<LinkOutcome> {
    const key = `${req.replyTopic}#${req.id}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.timeOut(key), req.timeoutMs);
      const entry: Pending = { resolve, timer, delivered: false };
      this.pending.set(key, entry);
      this.client.publish(req.topic, req.payload, { qos: req.qos ?? 1 }, (e) => {
        if (e) this.log(`publish to ${req.topic} failed: ${e.message}`);
        else entry.delivered = true;
      });
    });
  }

  private onMessage(topic: string, payload: Buffer): void {
    const raw = payload.toString("utf8");
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return; // requests and foreign traffic on the same filters are not JSON replies for us
    }
    if (typeof message !== "object" || message === null) return;
    const id = (message as { id?: unknown }).id;
    if (typeof id !== "string" && typeof id !== "number") return;
    const key = `${topic}#${String(id)}`;
    if (!this.pending.has(key)) return;
    this.settle(key, { kind: "reply", reply: { message: message as Record<string, unknown>, raw, receivedAt: Date.now() } });
  }

  private timeOut(key: string): void {
    this.settle(key, { kind: "timeout", delivered: this.pending.get(key)?.delivered ?? false });
  }

  private settle(key: string, outcome: LinkOutcome): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    clearTimeout(entry.timer);
    entry.resolve(outcome);
  }

  async close(): Promise<void> {
    for (const key of [...this.pending.keys()]) this.settle(key, { kind: "closed" });
    await this.client.endAsync(true);
  }
}
