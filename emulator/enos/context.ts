import type { ApiRequest } from "../http/types";
import type { PlatformLink } from "../mqtt/platform-link";
import type { EnosSeedApp } from "../seed";
import type { EnosCatalog } from "./catalog";
import type { CommandStore } from "./commands";

/** What a v2.1 action gets once the gateway check has passed. */
export interface EnosContext {
  req: ApiRequest;
  /** the app the access token was issued to */
  app: EnosSeedApp;
  catalog: EnosCatalog;
  link: PlatformLink;
  commands: CommandStore;
}
