// The older EnOS API ("Data Service", enos.md §2.2) on the EnOS port: the two invoke paths under
// /dataService/ (seed / Edge docs) and /enosapi/connectService/ (Cloud 2.0.x SDK), behind the
// accessKey / requestTimestamp / sign check of §1b.
import type { ApiRequest, Handler } from "../http/types";
import type { PlatformLink } from "../mqtt/platform-link";
import type { EnosSeedApp } from "../seed";
import type { EnosCatalog } from "../enos/catalog";
import { sameDigest } from "../enos/signature";
import { INTERNAL, LegacyError, legacyFailure, METHOD_NOT_ALLOWED, NOT_FOUND, SIGN_FAILED, UNAUTHENTICATED } from "./envelope";
import { legacyInvoke, type InvokeTarget } from "./invoke";
import type { LegacyResults } from "./results";
import { legacySign } from "./signature";

export const LEGACY_PREFIXES = ["/dataService/", "/enosapi/"];

/** The platform does not document its clock-skew limit; the emulator allows 5 minutes, as for v2.1. */
const MAX_SKEW_MS = 5 * 60 * 1000;

const INVOKE_RE =
  /^\/(?:dataService|enosapi\/connectService)\/(?:products\/([^/]+)\/devices\/([^/]+)|devices\/([^/]+))\/services\/([^/]+)\/invoke$/;

export interface LegacyDeps {
  catalog: EnosCatalog;
  link: PlatformLink;
  results: LegacyResults;
  now: () => number;
  log: (line: string) => void;
}

export function createLegacyApi(deps: LegacyDeps): Handler {
  return async (req) => {
    try {
      const app = authenticate(req, deps);
      const target = route(req);
      return await legacyInvoke({ ...deps, req, app }, target);
    } catch (e) {
      if (e instanceof LegacyError) return legacyFailure(e.status, e.message, e.submsg);
      deps.log(`enos legacy ${req.method} ${req.path} failed: ${(e as Error).stack ?? String(e)}`);
      return legacyFailure(INTERNAL, "Internal Server Error", null);
    }
  };
}

/** 401 for a missing or unknown accessKey; 497 for a bad timestamp or signature. */
export function authenticate(req: ApiRequest, deps: Pick<LegacyDeps, "catalog" | "now">): EnosSeedApp {
  const accessKey = req.query.get("accessKey") ?? "";
  if (accessKey === "") throw new LegacyError(UNAUTHENTICATED, "Unauthenticated", "accessKey is missing");
  const app = deps.catalog.app(accessKey);
  if (!app) throw new LegacyError(UNAUTHENTICATED, "Unauthenticated", `unknown accessKey ${accessKey}`);
  const at = requestTime(req.query.get("requestTimestamp"));
  if (at === null) throw new LegacyError(SIGN_FAILED, "Timestamp or signature check failed", "requestTimestamp is missing or not epoch ms");
  if (Math.abs(at - deps.now()) > MAX_SKEW_MS) {
    throw new LegacyError(SIGN_FAILED, "Timestamp or signature check failed", "requestTimestamp is more than 5 minutes away from the server time");
  }
  const expected = legacySign(accessKey, req.query, req.body, app.secretKey);
  if (!sameDigest(req.query.get("sign") ?? "", expected)) {
    throw new LegacyError(SIGN_FAILED, "Timestamp or signature check failed", "sign does not verify");
  }
  return app;
}

/** Epoch ms; the doc text says seconds while its example and the SDK send ms, so both are read. */
function requestTime(raw: string | null): number | null {
  if (raw === null || !/^\d{9,13}$/.test(raw)) return null;
  return raw.length <= 10 ? Number(raw) * 1000 : Number(raw);
}

function route(req: ApiRequest): InvokeTarget {
  const m = INVOKE_RE.exec(req.path);
  if (!m) throw new LegacyError(NOT_FOUND, "Not Found", `no API at ${req.path}`);
  if (req.method !== "PUT") throw new LegacyError(METHOD_NOT_ALLOWED, "Method Not Allowed", `${req.path} takes PUT`);
  const [productKey, deviceKey, assetId, serviceId] = [m[1], m[2], m[3], m[4]].map((p) => (p === undefined ? undefined : decode(p)));
  return { selector: { productKey, deviceKey, assetId }, serviceId: serviceId ?? "" };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new LegacyError(NOT_FOUND, "Not Found", `malformed path segment ${segment}`);
  }
}
