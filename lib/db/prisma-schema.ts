// A reader for the part of the Prisma schema language that describes the database (models, enums,
// field and block attributes). Prisma's own parser ships only inside its CLI bundle and the schema
// engine cannot run here, so the drift check reads schema.prisma itself. Anything it does not
// understand is reported instead of skipped, so the check never passes by ignoring something.

export interface PslArg {
  /** Set for `name: value` arguments. */
  name?: string;
  /** The argument's source text, e.g. `"user"`, `[a, b(sort: Desc)]`, `now()`. */
  value: string;
}

export interface PslAttribute {
  /** Without the `@`/`@@`, e.g. `id`, `db.Timestamptz`, `index`. */
  name: string;
  args: PslArg[];
}

export interface PslField {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  attributes: PslAttribute[];
}

export interface PslModel {
  name: string;
  fields: PslField[];
  attributes: PslAttribute[];
}

export interface PslEnum {
  name: string;
  values: { name: string; attributes: PslAttribute[] }[];
  attributes: PslAttribute[];
}

export interface PslSchema {
  models: PslModel[];
  enums: PslEnum[];
  /** Constructs the reader does not support (views, composite types, unparsable lines). */
  unsupported: string[];
}

export function parsePrismaSchema(source: string): PslSchema {
  const schema: PslSchema = { models: [], enums: [], unsupported: [] };
  for (const block of blocks(stripComments(source))) {
    if (block.kind === "model") schema.models.push(parseModel(block.name, block.lines, schema.unsupported));
    else if (block.kind === "enum") schema.enums.push(parseEnum(block.name, block.lines));
    else if (block.kind !== "generator" && block.kind !== "datasource") {
      schema.unsupported.push(`${block.kind} ${block.name}`);
    }
  }
  return schema;
}

function stripComments(source: string): string {
  return source
    .split("\n")
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        if (line[i] === '"' && line[i - 1] !== "\\") inString = !inString;
        else if (!inString && line.startsWith("//", i)) return line.slice(0, i);
      }
      return line;
    })
    .join("\n");
}

function blocks(source: string): { kind: string; name: string; lines: string[] }[] {
  const found: { kind: string; name: string; lines: string[] }[] = [];
  const header = /^\s*(\w+)\s+(\w+)\s*\{\s*$/;
  let current: { kind: string; name: string; lines: string[] } | undefined;
  for (const line of source.split("\n")) {
    const m = header.exec(line);
    if (!current && m) current = { kind: m[1]!, name: m[2]!, lines: [] };
    else if (current && line.trim() === "}") {
      found.push(current);
      current = undefined;
    } else if (current && line.trim()) current.lines.push(line.trim());
  }
  return found;
}

const FIELD = /^(\w+)\s+(Unsupported\("(?:[^"\\]|\\.)*"\)|\w+)(\[\])?(\?)?\s*(.*)$/;

function parseModel(name: string, lines: string[], unsupported: string[]): PslModel {
  const model: PslModel = { name, fields: [], attributes: [] };
  for (const line of lines) {
    if (line.startsWith("@@")) {
      model.attributes.push(...parseAttributes(line));
      continue;
    }
    const m = FIELD.exec(line);
    if (!m) {
      unsupported.push(`model ${name}: cannot read "${line}"`);
      continue;
    }
    model.fields.push({ name: m[1]!, type: m[2]!, list: !!m[3], optional: !!m[4], attributes: parseAttributes(m[5]!) });
  }
  return model;
}

function parseEnum(name: string, lines: string[]): PslEnum {
  const e: PslEnum = { name, values: [], attributes: [] };
  for (const line of lines) {
    if (line.startsWith("@@")) e.attributes.push(...parseAttributes(line));
    else {
      const [, value = line, rest = ""] = /^(\w+)\s*(.*)$/.exec(line) ?? [];
      e.values.push({ name: value, attributes: parseAttributes(rest) });
    }
  }
  return e;
}

/** `@id @default(uuid()) @db.Uuid` → attributes with their arguments. */
export function parseAttributes(text: string): PslAttribute[] {
  const attributes: PslAttribute[] = [];
  let i = 0;
  while (i < text.length) {
    const m = /^@@?([\w.]+)/.exec(text.slice(i));
    if (!m) {
      i++;
      continue;
    }
    i += m[0].length;
    let args: PslArg[] = [];
    if (text[i] === "(") {
      const end = closingParen(text, i);
      args = splitTopLevel(text.slice(i + 1, end)).map(parseArg);
      i = end + 1;
    }
    attributes.push({ name: m[1]!, args });
  }
  return attributes;
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== "\\") inString = !inString;
    if (inString) continue;
    if (c === "(" || c === "[") depth++;
    if (c === ")" || c === "]") depth--;
    if (depth === 0) return i;
  }
  return text.length;
}

/** Splits on commas outside strings, parentheses and brackets. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== "\\") inString = !inString;
    if (inString) continue;
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseArg(text: string): PslArg {
  const m = /^(\w+)\s*:\s*([\s\S]*)$/.exec(text);
  return m ? { name: m[1]!, value: m[2]! } : { value: text };
}

/** `[a, b(sort: Desc)]` → `[{ name: "a", args: [] }, { name: "b", args: [sort: Desc] }]`. */
export function parseFieldList(value: string): { name: string; args: PslArg[] }[] {
  const inner = value.trim().replace(/^\[/, "").replace(/\]$/, "");
  return splitTopLevel(inner).map((item) => {
    const m = /^(\w+)\s*(?:\(([\s\S]*)\))?$/.exec(item);
    return { name: m?.[1] ?? item, args: m?.[2] ? splitTopLevel(m[2]).map(parseArg) : [] };
  });
}

/** `"text"` → `text` (Prisma strings use JSON escapes). */
export function unquote(value: string): string {
  return value.startsWith('"') ? (JSON.parse(value) as string) : value;
}

export function attribute(attrs: PslAttribute[], name: string): PslAttribute | undefined {
  return attrs.find((a) => a.name === name);
}

/** The named argument, or the first positional one when `positional` is true. */
export function argument(attr: PslAttribute | undefined, name: string, positional = false): string | undefined {
  if (!attr) return undefined;
  return attr.args.find((a) => a.name === name)?.value ?? (positional ? attr.args.find((a) => !a.name)?.value : undefined);
}
