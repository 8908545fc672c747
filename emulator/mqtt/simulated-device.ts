// A simulated device: a real MQTT client that logs in with its platform's device credentials,
// subscribes to its downstream topics and answers them. The platform-specific parts (login,
// topics, reply) come from a DeviceProtocol so Alibaba devices can reuse this class.
import { connectAsync, type MqttClient } from "mqtt";
import { enableNoDelay } from "./no-delay";

export interface DeviceReplyPlan {
  topic: string;
  payload: string;
  /** simulated processing time before the reply is sent */
  delayMs: number;
  /** MQTT QoS of the reply; default 1 (Alibaba RRPC responses are QoS 0) */
  qos?: 0 | 1;
}

export interface DeviceProtocol {
  /** used in log lines */
  name: string;
  credentials(now: number): { clientId: string; username: string; password: string };
  subscriptions: string[];
  /** the reply to one downstream message, or null to stay silent */
  answer(topic: string, payload: Buffer): DeviceReplyPlan | null;
}

export class SimulatedDevice {
  private client: MqttClient | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly brokerUrl: string,
    private readonly protocol: DeviceProtocol,
    private readonly log: (line: string) => void,
  ) {}

  /** connect() was called and disconnect() not since (the client may be reconnecting) */
  get active(): boolean {
    return this.client !== null;
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Resolves once logged in and subscribed, so a command sent right after is delivered. */
  async connect(): Promise<void> {
    if (this.client) return;
    const creds = this.protocol.credentials(Date.now());
    // no retries on the first attempt: a refused login must surface, not loop
    const client = await connectAsync(
      this.brokerUrl,
      { ...creds, protocolVersion: 4, clean: true, reconnectPeriod: 1000, connectTimeout: 5000, keepalive: 60 },
      false,
    );
    enableNoDelay(client);
    this.client = client;
    client.on("message", (topic, payload) => this.onMessage(topic, payload));
    client.on("error", (e) => this.log(`device ${this.protocol.name}: MQTT error ${e.message}`));
    await client.subscribeAsync(this.protocol.subscriptions, { qos: 1 });
  }

  /** Drops the connection and any reply still waiting on its simulated latency. */
  async disconnect(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync(true);
  }

  private onMessage(topic: string, payload: Buffer): void {
    let plan: DeviceReplyPlan | null;
    try {
      plan = this.protocol.answer(topic, payload);
    } catch (e) {
      this.log(`device ${this.protocol.name}: cannot answer ${topic}: ${(e as Error).message}`);
      return;
    }
    if (!plan) return;
    if (plan.delayMs <= 0) {
      this.publish(plan);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.publish(plan);
    }, plan.delayMs);
    this.timers.add(timer);
  }

  private publish(plan: DeviceReplyPlan): void {
    this.client?.publish(plan.topic, plan.payload, { qos: plan.qos ?? 1 }, (e) => {
      if (e) this.log(`device ${this.protocol.name}: reply on ${plan.topic} failed: ${e.message}`);
    });
  }
}
