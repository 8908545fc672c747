// The XML form of a response (`Format=XML`, aliyun.md §7): element names are the JSON keys, a list
// repeats its key's element, JSON-in-string fields are plain text nodes with & < > escaped.

export function toXml(root: string, body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>${members(body)}</${root}>`;
}

function members(obj: Record<string, unknown>): string {
  return Object.entries(obj)
    .map(([key, value]) => element(key, value))
    .join("");
}

function element(key: string, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((v: unknown) => element(key, v)).join("");
  if (typeof value === "object") return `<${key}>${members(value as Record<string, unknown>)}</${key}>`;
  return `<${key}>${escapeText(String(value))}</${key}>`;
}

export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
