/** Opaque keyset cursor: base64url of "<ISO time>|<uuid>". */
export interface Cursor {
  requestedAt: Date;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.requestedAt.toISOString()}|${c.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string): Cursor | null {
  const [time, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (!time || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const requestedAt = new Date(time);
  return Number.isNaN(requestedAt.getTime()) ? null : { requestedAt, id };
}
