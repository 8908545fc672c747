// Asset-local times: EnOS writes `createLocaltime` and reads search literals such as
// `createTime >= '2019-08-13 09:00:00'` in the device's timezone ("+08:00").
import type { OrderedRange } from "./expression";

const OFFSET_RE = /^([+-])(\d{2}):?(\d{2})$/;
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;
// ISO-8601 with a zone: 2019-08-13T01:00:00Z, 2019-08-13T09:00:00.5+08:00
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** "+08:00" -> 480 minutes; an unreadable zone counts as UTC. */
export function offsetMinutes(timezone: string): number {
  const m = OFFSET_RE.exec(timezone.trim());
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

/** Epoch ms -> "yyyy-MM-dd HH:mm:ss" in the given zone. */
export function formatLocal(ms: number, timezone: string): string {
  const iso = new Date(ms + offsetMinutes(timezone) * 60_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * A time literal as the range it denotes: a local "yyyy-MM-dd HH:mm:ss" is one second, a local
 * "yyyy-MM-dd" one day, ISO-8601 with a zone one second (one ms with a fraction), epoch ms one ms.
 */
export function timeRange(literal: string, timezone: string): OrderedRange | null {
  const text = literal.trim();
  if (/^\d{1,16}$/.test(text)) return { from: Number(text), to: Number(text) + 1 };
  if (ISO_RE.test(text)) {
    const from = Date.parse(text);
    if (Number.isNaN(from)) return null;
    return { from, to: from + (text.includes(".") ? 1 : 1000) };
  }
  const m = LOCAL_RE.exec(text);
  if (!m) return null;
  const [y, mo, d, h = "0", mi = "0", s = "0"] = m.slice(1).map((v) => v ?? "0") as string[];
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Date.UTC rolls 2019-02-30 over into March: refuse what it had to correct
  if (formatLocal(utc, "+00:00") !== `${y}-${mo}-${d} ${h.padStart(2, "0")}:${mi.padStart(2, "0")}:${s.padStart(2, "0")}`) return null;
  const from = utc - offsetMinutes(timezone) * 60_000;
  return { from, to: from + (m[4] === undefined ? 86_400_000 : 1000) };
}
