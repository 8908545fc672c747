// Parsing JSON typed by a person: errors say where (line and column) and what was expected.
// JSON.parse's own messages vary by engine and often give no position, so on failure a small
// scanner finds the first place the text stops being JSON.

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJsonText(text: string): Parsed {
  if (text.trim() === "") return { ok: false, error: "Enter a JSON value." };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: describeJsonError(text) };
  }
}

export function describeJsonError(text: string): string {
  const { at, expected } = firstJsonError(text);
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const column = at - before.lastIndexOf("\n");
  const found = at >= text.length ? "the end of the text" : JSON.stringify(text.slice(at, at + 12));
  return `Not valid JSON at line ${line}, column ${column}: expected ${expected}, found ${found}.`;
}

class JsonSyntax extends Error {
  constructor(
    readonly at: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

/** Where `text` stops being JSON (only meaningful when JSON.parse refused it). */
export function firstJsonError(text: string): { at: number; expected: string } {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const fail = (expected: string): never => {
    throw new JsonSyntax(i, expected);
  };
  const literal = (word: string) => (text.startsWith(word, i) ? void (i += word.length) : fail(`“${word}”`));
  const string = () => {
    if (text[i] !== '"') fail("a string in double quotes");
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail("a closing quote (line breaks must be written \\n)");
      i += text[i] === "\\" ? (text[i + 1] === "u" ? 6 : 2) : 1;
    }
    if (i >= text.length) fail("a closing quote");
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail("a value");
    i += m![0].length;
  };
  const list = (close: string, item: () => void) => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      ws();
      if (text[i] === close) return void i++;
      if (text[i] !== ",") fail(`“,” or “${close}”`);
      i++;
      ws();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") return list("}", member);
    if (c === "[") return list("]", value);
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    number();
  };
  const member = () => {
    string();
    ws();
    if (text[i] !== ":") fail("“:”");
    i++;
    value();
  };
  try {
    value();
    ws();
    if (i < text.length) fail("the end of the text");
  } catch (e) {
    if (e instanceof JsonSyntax) return { at: Math.min(e.at, text.length), expected: e.expected };
    throw e;
  }
  return { at: text.length, expected: "valid JSON" };
}

export function prettyJson(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value, null, 2);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
