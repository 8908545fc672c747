// Query-argument parsing shared by the v2.1 actions; every failure is a 99400 naming the argument.
import type { EnosSeedApp } from "../seed";
import type { DeviceSelector } from "./catalog";
import { DENIED, EnosError, invalidArgument } from "./envelope";
import { isPlainObject } from "./input-check";

export function requireParam(q: URLSearchParams, name: string): string {
  const v = q.get(name);
  if (v === null || v === "") throw invalidArgument(name, `${name} is missing`);
  return v;
}

/** An integer in [min, max]; `fallback` when absent. Decimal digits only ("1.0" and "1e1" are refused). */
export function intParam(q: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const raw = q.get(name);
  if (raw === null || raw === "") return fallback;
  const n = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw invalidArgument(name, `must be an integer ${min}..${max}`);
  return n;
}

/** assetId, or productKey + deviceKey; keys given beside assetId must match the same device. */
export function deviceSelector(q: URLSearchParams): DeviceSelector {
  const assetId = q.get("assetId") || undefined;
  const productKey = q.get("productKey") || undefined;
  const deviceKey = q.get("deviceKey") || undefined;
  if (!assetId) {
    if (!productKey && !deviceKey) throw invalidArgument("assetId", "assetId or productKey+deviceKey is required");
    if (!productKey) throw invalidArgument("productKey", "productKey is missing (required with deviceKey)");
    if (!deviceKey) throw invalidArgument("deviceKey", "deviceKey is missing (required with productKey)");
  }
  return { assetId, productKey, deviceKey };
}

/** The organisation must be the one the calling app belongs to. */
export function assertOrg(app: EnosSeedApp, orgId: string): void {
  if (app.orgId !== orgId) throw new EnosError(DENIED, `Denied resource: orgId ${orgId}`);
}

/** A JSON object body; an empty body counts as {}. */
export function jsonBody(raw: string): Record<string, unknown> {
  if (raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidArgument("body", "not valid JSON");
  }
  if (!isPlainObject(parsed)) throw invalidArgument("body", "must be a JSON object");
  return parsed;
}
