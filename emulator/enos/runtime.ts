// EnOS state beyond tokens: the v2.1 command store (released over MQTT) and the older API's
// finished invocations. One object, so index.ts wires, resets and closes it in a few lines.
import type { DeviceTable } from "../devices";
import { LegacyResults } from "../enos-legacy/results";
import { newCommandId } from "../ids";
import type { PlatformLink } from "../mqtt/platform-link";
import { enosStatus, type EnosCatalog } from "./catalog";
import { CommandStore, type CommandRecord } from "./commands";
import { serviceTopic } from "./device-protocol";

export class EnosRuntime {
  readonly commands: CommandStore;
  readonly legacyResults = new LegacyResults();
  private readonly unsubscribe: () => void;

  constructor(catalog: EnosCatalog, link: PlatformLink, devices: DeviceTable, now: () => number) {
    this.commands = new CommandStore({
      send: (cmd, timeoutMs) => publish(link, cmd, timeoutMs),
      canDeliver: (pk, dk) => {
        const device = catalog.device(pk, dk);
        return device !== undefined && enosStatus(device) === "online";
      },
      now,
      newId: newCommandId,
    });
    // queued commands go out as soon as their device comes online (or is activated)
    this.unsubscribe = devices.onChange((rec) => {
      if (rec.platform === "enos") this.commands.deviceChanged(rec.productKey, rec.deviceKey);
    });
  }

  reset(): void {
    this.commands.reset();
    this.legacyResults.clear();
  }

  close(): void {
    this.unsubscribe();
    this.commands.close();
  }
}

/** The downstream service request of enos.md §5; the command id is the MQTT message id. */
function publish(link: PlatformLink, cmd: CommandRecord, timeoutMs: number) {
  const topic = serviceTopic(cmd.productKey, cmd.deviceKey, cmd.tslIdentifier);
  const payload = JSON.stringify({ id: cmd.commandId, version: "1.0", method: `thing.service.${cmd.tslIdentifier}`, params: cmd.inputData });
  return link.request({ topic, replyTopic: `${topic}_reply`, id: cmd.commandId, payload, timeoutMs });
}
