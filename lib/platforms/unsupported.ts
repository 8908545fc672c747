// Placeholder adapters for platforms that are planned but not built yet: every call fails with a
// clear message instead of a missing-adapter crash.
import type { PlatformAdapter, PlatformId } from "./types";
import { PlatformError } from "./types";

export function unsupportedAdapter(id: PlatformId, label: string): PlatformAdapter {
  const fail = (): Promise<never> =>
    Promise.reject(new PlatformError("request", `${label} connections are not supported yet`, { notSent: true }));
  return { id, testConnection: fail, searchDevices: fail, getDevice: fail, listServices: fail, invoke: fail };
}
