import type { PlatformLink } from "../mqtt/platform-link";
import type { AliyunAccount, AliyunCatalog } from "./catalog";
import type { ServiceHistory } from "./history";
import type { Params } from "./params";

/** What an IoT action gets once the gateway has authenticated and admitted the call. */
export interface AliyunContext {
  params: Params;
  account: AliyunAccount;
  catalog: AliyunCatalog;
  link: PlatformLink;
  history: ServiceHistory;
  now: () => number;
  log: (line: string) => void;
}

/** An action answers with the fields after RequestId/Success (Data, paging, …) or throws. */
export type Action = (ctx: AliyunContext) => Promise<Record<string, unknown>>;
