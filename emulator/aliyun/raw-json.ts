// A JSON parser that keeps each number's literal text. The platform checks that float/double
// values in `Args` carry a decimal point (`10.0`), which JSON.parse cannot tell from `10`.

export type RawValue =
  | { kind: "number"; raw: string; value: number }
  | { kind: "string"; value: string }
  | { kind: "bool"; value: boolean }
  | { kind: "null" }
  | { kind: "array"; items: RawValue[] }
  | { kind: "object"; members: Map<string, RawValue> };

export class RawJsonError extends Error {}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 64;

export function parseRawJson(text: string): RawValue {
  const p = new Parser(text);
  const value = p.value(0);
  p.skipSpace();
  if (p.pos !== text.length) throw p.error("unexpected text after the value");
  return value;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  error(what: string): RawJsonError {
    return new RawJsonError(`${what} at position ${this.pos}`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && " \t\n\r".includes(this.text[this.pos] ?? "")) this.pos++;
  }

  value(depth: number): RawValue {
    if (depth > MAX_DEPTH) throw this.error("nesting too deep");
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') return { kind: "string", value: this.string() };
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    for (const [word, v] of [["true", { kind: "bool", value: true }], ["false", { kind: "bool", value: false }], ["null", { kind: "null" }]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    throw this.error(c === undefined ? "unexpected end" : `unexpected “${c}”`);
  }

  private number(): RawValue {
    NUMBER_RE.lastIndex = this.pos;
    const m = NUMBER_RE.exec(this.text);
    if (!m) throw this.error("bad number");
    this.pos += m[0].length;
    return { kind: "number", raw: m[0], value: Number(m[0]) };
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === "\\") this.pos += 2;
      else if (c === '"') break;
      else if (c !== undefined && c < " ") throw this.error("control character in string");
      else this.pos++;
    }
    if (this.text[this.pos] !== '"') throw this.error("unterminated string");
    this.pos++;
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      throw this.error("bad escape in string");
    }
  }

  private expect(c: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== c) throw this.error(`expected “${c}”`);
    this.pos++;
  }

  /** true when the next non-space character is `c` (consumed) */
  private take(c: string): boolean {
    this.skipSpace();
    if (this.text[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  private array(depth: number): RawValue {
    this.pos++;
    const items: RawValue[] = [];
    if (this.take("]")) return { kind: "array", items };
    do items.push(this.value(depth + 1));
    while (this.take(","));
    this.expect("]");
    return { kind: "array", items };
  }

  private object(depth: number): RawValue {
    this.pos++;
    const members = new Map<string, RawValue>();
    if (this.take("}")) return { kind: "object", members };
    do {
      this.skipSpace();
      if (this.text[this.pos] !== '"') throw this.error("expected a member name");
      const key = this.string();
      if (members.has(key)) throw this.error(`duplicate member “${key}”`);
      this.expect(":");
      members.set(key, this.value(depth + 1));
    } while (this.take(","));
    this.expect("}");
    return { kind: "object", members };
  }
}
