import { Socket } from "node:net";
import type { MqttClient } from "mqtt";

/**
 * Turns Nagle off on the client's TCP socket, now and after every reconnect: a QoS 1 round trip
 * is several small packets and Nagle plus delayed ACKs add tens of ms to each invocation.
 */
export function enableNoDelay(client: MqttClient): void {
  const apply = () => {
    if (client.stream instanceof Socket) client.stream.setNoDelay(true);
  };
  apply();
  client.on("connect", apply);
}
