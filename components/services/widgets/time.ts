// Epoch milliseconds <-> the value of an <input type="datetime-local"> (the browser's local time).

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "2024-05-06T10:30:00" (with ".123" when the instant has milliseconds), in local time. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return "";
  const date = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const millis = d.getMilliseconds() ? `.${pad(d.getMilliseconds(), 3)}` : "";
  return `${date}T${time}${millis}`;
}

/** Local "yyyy-MM-ddTHH:mm[:ss[.SSS]]" -> epoch ms; undefined for anything else. */
export function fromLocalInput(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s = "0", f = "0"] = m.slice(1);
  const ms = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(f.padEnd(3, "0"))).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** "UTC+08:00" for the browser's zone at that instant (summer time included). */
export function utcOffsetLabel(ms = Date.now()): string {
  const minutes = -new Date(ms).getTimezoneOffset();
  const sign = minutes >= 0 ? "+" : "-";
  const abs = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
