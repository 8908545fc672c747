// The subset of the EnOS search-expression language the emulator understands:
//   field = value | field != value | field in (v1, v2) | field like 'text'
//   field > v | field >= v | field < v | field <= v      (ordered fields such as createTime)
//   exists(field) | not exists(field)                    (map fields such as tags.k)
// joined by and / or (and binds tighter) with parentheses. Values are quoted with ' or " or bare
// words. Anything else is refused, so a console relying on unsupported syntax finds out here.

export class ExpressionError extends Error {}

export type Op = "=" | "!=" | "in" | "like" | ">" | ">=" | "<" | "<=" | "exists";

export type Expr =
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "cmp"; field: string; op: Op; values: string[] }
  | { kind: "exists"; field: string; negate: boolean };

type Token = { t: "word" | "str" | "punct"; v: string; at: number };

// longest first, so ">=" is not read as ">" then "="
const PUNCT = ["!=", ">=", "<=", "=", ">", "<", "(", ")", ","];
const ORDER_OPS = [">=", "<=", ">", "<"] as const;
const WORD_RE = /[A-Za-z0-9_.\-:%*]/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      const [value, next] = readQuoted(text, i);
      out.push({ t: "str", v: value, at: i });
      i = next;
    } else if (PUNCT.some((p) => text.startsWith(p, i))) {
      const p = PUNCT.find((q) => text.startsWith(q, i)) as string;
      out.push({ t: "punct", v: p, at: i });
      i += p.length;
    } else if (WORD_RE.test(c)) {
      let j = i;
      while (j < text.length && WORD_RE.test(text.charAt(j))) j++;
      out.push({ t: "word", v: text.slice(i, j), at: i });
      i = j;
    } else {
      throw new ExpressionError(`unexpected character '${c}' at position ${i}`);
    }
  }
  return out;
}

/** A quoted literal; a doubled quote or a backslash escapes the quote character. */
function readQuoted(text: string, start: number): [string, number] {
  const q = text.charAt(start);
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "\\" && i + 1 < text.length) {
      value += text.charAt(i + 1);
      i += 2;
    } else if (c === q && text.charAt(i + 1) === q) {
      value += q;
      i += 2;
    } else if (c === q) {
      return [value, i + 1];
    } else {
      value += c;
      i++;
    }
  }
  throw new ExpressionError(`unterminated string starting at position ${start}`);
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    const e = this.or();
    const extra = this.tokens[this.pos];
    if (extra) throw new ExpressionError(`unexpected '${extra.v}' at position ${extra.at}`);
    return e;
  }

  private or(): Expr {
    let left = this.and();
    while (this.keyword("or")) left = { kind: "or", left, right: this.and() };
    return left;
  }

  private and(): Expr {
    let left = this.primary();
    while (this.keyword("and")) left = { kind: "and", left, right: this.primary() };
    return left;
  }

  private primary(): Expr {
    if (this.punct("(")) {
      const e = this.or();
      this.expectPunct(")");
      return e;
    }
    if (this.isExistsAhead(0)) return this.exists(false);
    if (this.isWord(0, "not") && this.isExistsAhead(1)) {
      this.pos++;
      return this.exists(true);
    }
    return this.comparison();
  }

  /** `exists(` at pos+offset: a field literally named "exists" is still a comparison. */
  private isExistsAhead(offset: number): boolean {
    const next = this.tokens[this.pos + offset + 1];
    return this.isWord(offset, "exists") && next?.t === "punct" && next.v === "(";
  }

  private isWord(offset: number, word: string): boolean {
    const tok = this.tokens[this.pos + offset];
    return tok?.t === "word" && tok.v.toLowerCase() === word;
  }

  private exists(negate: boolean): Expr {
    this.pos++; // "exists"
    this.expectPunct("(");
    const field = this.next("a field name");
    if (field.t !== "word") throw new ExpressionError(`expected a field name at position ${field.at}`);
    this.expectPunct(")");
    return { kind: "exists", field: field.v, negate };
  }

  private comparison(): Expr {
    const field = this.next("a field name");
    if (field.t !== "word") throw new ExpressionError(`expected a field name at position ${field.at}`);
    if (this.punct("=")) return { kind: "cmp", field: field.v, op: "=", values: [this.value()] };
    if (this.punct("!=")) return { kind: "cmp", field: field.v, op: "!=", values: [this.value()] };
    if (this.keyword("like")) return { kind: "cmp", field: field.v, op: "like", values: [this.value()] };
    if (this.keyword("in")) return { kind: "cmp", field: field.v, op: "in", values: this.list() };
    const order = ORDER_OPS.find((op) => this.punct(op));
    if (order) return { kind: "cmp", field: field.v, op: order, values: [this.value()] };
    const got = this.tokens[this.pos];
    throw new ExpressionError(
      got ? `unsupported operator '${got.v}' at position ${got.at}` : `missing operator after '${field.v}'`,
    );
  }

  private list(): string[] {
    this.expectPunct("(");
    const values = [this.value()];
    while (this.punct(",")) values.push(this.value());
    this.expectPunct(")");
    return values;
  }

  private value(): string {
    const tok = this.next("a value");
    if (tok.t === "punct") throw new ExpressionError(`expected a value at position ${tok.at}`);
    return tok.v;
  }

  private next(what: string): Token {
    const tok = this.tokens[this.pos];
    if (!tok) throw new ExpressionError(`expression ends where ${what} was expected`);
    this.pos++;
    return tok;
  }

  private keyword(word: string): boolean {
    const tok = this.tokens[this.pos];
    if (tok?.t === "word" && tok.v.toLowerCase() === word) {
      this.pos++;
      return true;
    }
    return false;
  }

  private punct(p: string): boolean {
    const tok = this.tokens[this.pos];
    if (tok?.t === "punct" && tok.v === p) {
      this.pos++;
      return true;
    }
    return false;
  }

  private expectPunct(p: string): void {
    if (!this.punct(p)) throw new ExpressionError(`expected '${p}'`);
  }
}

export function parseExpression(text: string): Expr {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new ExpressionError("empty expression");
  return new Parser(tokens).parse();
}

/** A literal of an ordered field as the half-open range [from, to) it denotes (a second, a ms, ...). */
export interface OrderedRange {
  from: number;
  to: number;
}

/** A searchable field: the operators it takes and the values an item has for it. */
export interface FieldSpec<T> {
  ops: readonly Op[];
  /** `field` is the name as written, which tells a wildcard spec ("tags.*") which key is meant */
  values: (item: T, field: string) => readonly (string | null | undefined)[];
  /**
   * For ordered fields (times): the item's value and how to read a literal. `=` then means "within
   * the literal's range", so `createTime = '2024-01-01 08:00:00'` matches that whole second.
   */
  ordered?: { value: (item: T) => number; range: (literal: string) => OrderedRange | null };
}

/** Exact names first; a key ending in ".*" covers every "prefix.<key>" (map fields such as tags). */
function lookupField<T>(fields: Record<string, FieldSpec<T>>, name: string): FieldSpec<T> | undefined {
  if (Object.hasOwn(fields, name)) return fields[name];
  const dot = name.indexOf(".");
  if (dot <= 0 || dot === name.length - 1) return undefined;
  const wildcard = `${name.slice(0, dot)}.*`;
  return Object.hasOwn(fields, wildcard) ? fields[wildcard] : undefined;
}

/** Parses and checks an expression against the known fields; returns a predicate. */
export function compileFilter<T>(text: string, fields: Record<string, FieldSpec<T>>): (item: T) => boolean {
  const expr = parseExpression(text);
  check(expr, fields);
  return (item) => evaluate(expr, item, fields);
}

function check<T>(e: Expr, fields: Record<string, FieldSpec<T>>): void {
  if ("left" in e) {
    check(e.left, fields);
    check(e.right, fields);
    return;
  }
  const spec = lookupField(fields, e.field);
  if (!spec) throw new ExpressionError(`unsupported field '${e.field}' (supported: ${Object.keys(fields).join(", ")})`);
  const op: Op = e.kind === "exists" ? "exists" : e.op;
  if (!spec.ops.includes(op)) throw new ExpressionError(`operator '${op}' is not supported for '${e.field}'`);
  if (e.kind === "cmp" && spec.ordered) {
    for (const v of e.values) {
      if (!spec.ordered.range(v)) throw new ExpressionError(`'${v}' is not a valid value for '${e.field}'`);
    }
  }
}

function evaluate<T>(e: Expr, item: T, fields: Record<string, FieldSpec<T>>): boolean {
  if ("left" in e) {
    const left = evaluate(e.left, item, fields);
    return e.kind === "and" ? left && evaluate(e.right, item, fields) : left || evaluate(e.right, item, fields);
  }
  const spec = lookupField(fields, e.field);
  const have = (spec?.values(item, e.field) ?? []).filter((v): v is string => typeof v === "string");
  if (e.kind === "exists") return have.length > 0 !== e.negate;
  if (spec?.ordered) return compareOrdered(e.op, spec.ordered.value(item), e.values, spec.ordered.range);
  switch (e.op) {
    case "=":
    case "in":
      return have.some((v) => e.values.includes(v));
    case "!=":
      return !have.some((v) => e.values.includes(v));
    case "like":
      return have.some((v) => likeMatches(v, e.values[0] ?? ""));
    default:
      return false; // ordered operators on an unordered field are refused by check()
  }
}

function compareOrdered(op: Op, value: number, literals: string[], range: (l: string) => OrderedRange | null): boolean {
  const within = (l: string) => {
    const r = range(l);
    return r !== null && value >= r.from && value < r.to;
  };
  const r = range(literals[0] ?? "");
  if (!r) return false;
  switch (op) {
    case "=":
    case "in":
      return literals.some(within);
    case "!=":
      return !literals.some(within);
    case ">":
      return value >= r.to;
    case ">=":
      return value >= r.from;
    case "<":
      return value < r.from;
    case "<=":
      return value < r.to;
    default:
      return false;
  }
}

/** Case-insensitive substring match; '%' inside the pattern matches any run of characters. */
export function likeMatches(value: string, pattern: string): boolean {
  const parts = pattern.split("%").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(parts.join(".*"), "i").test(value);
}
