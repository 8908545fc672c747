// Drift check: what schema.prisma says the database should be (with Prisma's PostgreSQL naming and
// type rules) against what a migrated database is, read from pg_catalog. The migrations are
// written by hand (no schema engine here), so this is what keeps them honest.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import {
  argument,
  attribute,
  parseFieldList,
  parsePrismaSchema,
  unquote,
  type PslField,
  type PslModel,
  type PslSchema,
} from "./prisma-schema";

export interface ColumnShape {
  type: string;
  notNull: boolean;
  /** Normalised default expression, `null` when there is none. */
  default: string | null;
  /** `Model.field` for messages. */
  source?: string;
}

export interface TableShape {
  columns: Map<string, ColumnShape>;
  primaryKey?: { name: string; columns: string[] };
  source?: string;
}

export interface IndexShape {
  table: string;
  unique: boolean;
  /** Column names, `name DESC` for descending ones. */
  columns: string[];
  method: string;
}

export interface ForeignKeyShape {
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface SchemaShape {
  tables: Map<string, TableShape>;
  enums: Map<string, string[]>;
  indexes: Map<string, IndexShape>;
  foreignKeys: Map<string, ForeignKeyShape>;
  /** Things the expected side could not be built from. */
  problems: string[];
}

const MIGRATIONS_TABLE = "_prisma_migrations";

/** Differences between schema.prisma and the database at `databaseUrl` (its current schema). */
export async function checkDrift(
  databaseUrl: string,
  opts: { schemaPath?: string } = {},
): Promise<string[]> {
  const schemaPath = opts.schemaPath ?? path.resolve(process.cwd(), "prisma/schema.prisma");
  const expected = expectedShape(parsePrismaSchema(await readFile(schemaPath, "utf8")));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return diffShapes(expected, await introspect(client));
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Expected shape, following Prisma's PostgreSQL conventions.

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

// @db.X native types → how format_type() prints them; `$1`/`$2` are the attribute's arguments.
const NATIVE_TYPES: Record<string, string> = {
  Text: "text",
  VarChar: "character varying($1)",
  Char: "character($1)",
  Uuid: "uuid",
  Xml: "xml",
  Inet: "inet",
  Citext: "citext",
  Bit: "bit($1)",
  VarBit: "bit varying($1)",
  SmallInt: "smallint",
  Integer: "integer",
  BigInt: "bigint",
  Oid: "oid",
  Real: "real",
  DoublePrecision: "double precision",
  Decimal: "numeric($1,$2)",
  Money: "money",
  Boolean: "boolean",
  Timestamp: "timestamp($1) without time zone",
  Timestamptz: "timestamp($1) with time zone",
  Date: "date",
  Time: "time($1) without time zone",
  Timetz: "time($1) with time zone",
  Json: "json",
  JsonB: "jsonb",
  ByteA: "bytea",
};

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

// Prisma's generated names: `<table>_<columns>_<suffix>`, the prefix cut to fit 63 bytes.
export function constraintName(table: string, columns: string[], suffix: string): string {
  const prefix = [table, ...columns].join("_");
  return `${prefix.slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

const dbName = (attrs: PslField["attributes"], fallback: string, attr = "map"): string => {
  const value = argument(attribute(attrs, attr), "name", true);
  return value ? unquote(value) : fallback;
};

export function expectedShape(psl: PslSchema): SchemaShape {
  const shape: SchemaShape = {
    tables: new Map(),
    enums: new Map(),
    indexes: new Map(),
    foreignKeys: new Map(),
    problems: psl.unsupported.map((u) => `schema.prisma: the drift check does not support ${u}`),
  };
  const models = new Map(psl.models.map((m) => [m.name, m]));
  const enumNames = new Map<string, string>();
  for (const e of psl.enums) {
    const name = dbName(e.attributes, e.name);
    enumNames.set(e.name, name);
    shape.enums.set(name, e.values.map((v) => dbName(v.attributes, v.name)));
  }
  const ctx: ModelContext = { shape, models, enumNames, enumValues: new Map(psl.enums.map((e) => [e.name, e])) };
  for (const model of psl.models) addModel(ctx, model);
  return shape;
}

interface ModelContext {
  shape: SchemaShape;
  models: Map<string, PslModel>;
  enumNames: Map<string, string>;
  enumValues: Map<string, PslSchema["enums"][number]>;
}

export const tableName = (model: PslModel): string => dbName(model.attributes, model.name);
const columnName = (field: PslField): string => dbName(field.attributes, field.name);

function addModel(ctx: ModelContext, model: PslModel): void {
  const table = tableName(model);
  const shapeTable: TableShape = { columns: new Map(), source: `model ${model.name}` };
  ctx.shape.tables.set(table, shapeTable);
  for (const a of model.attributes) {
    if (!["map", "id", "unique", "index"].includes(a.name)) ctx.shape.problems.push(`model ${model.name}: @@${a.name} is not supported by the drift check`);
  }
  const scalars = model.fields.filter((f) => !ctx.models.has(f.type));
  for (const field of scalars) shapeTable.columns.set(columnName(field), expectedColumn(ctx, model, field));
  shapeTable.primaryKey = expectedPrimaryKey(model, table);
  addIndexes(ctx.shape, model, table);
  for (const field of model.fields.filter((f) => ctx.models.has(f.type))) addForeignKey(ctx, model, field);
}

function expectedColumn(ctx: ModelContext, model: PslModel, field: PslField): ColumnShape {
  const source = `${model.name}.${field.name}`;
  for (const a of field.attributes) {
    if (!["id", "unique", "default", "map", "updatedAt", "relation"].includes(a.name) && !a.name.startsWith("db.")) {
      ctx.shape.problems.push(`${source}: @${a.name} is not supported by the drift check`);
    }
  }
  return {
    type: columnType(ctx, field, source) + (field.list ? "[]" : ""),
    notNull: !field.optional,
    default: expectedDefault(ctx, field),
    source,
  };
}

function columnType(ctx: ModelContext, field: PslField, source: string): string {
  const enumName = ctx.enumNames.get(field.type);
  if (enumName) return `enum ${enumName}`;
  const native = field.attributes.find((a) => a.name.startsWith("db."));
  if (native) {
    const pattern = NATIVE_TYPES[native.name.slice(3)];
    if (!pattern) ctx.shape.problems.push(`${source}: @${native.name} is not supported by the drift check`);
    return nativeType(pattern ?? native.name, native.args.map((a) => a.value));
  }
  const scalar = SCALAR_TYPES[field.type];
  if (!scalar) ctx.shape.problems.push(`${source}: type ${field.type} is not supported by the drift check`);
  return scalar ?? field.type;
}

// Without arguments PostgreSQL prints no modifier at all: `timestamp with time zone`.
function nativeType(pattern: string, args: string[]): string {
  if (!args.length) return pattern.replace(/\(\$1(,\$2)?\)/, "");
  return pattern.replace("$1", args[0]!).replace("$2", args[1] ?? "0");
}

function expectedDefault(ctx: ModelContext, field: PslField): string | null {
  const value = argument(attribute(field.attributes, "default"), "value", true);
  if (value === undefined) return null;
  if (value === "autoincrement()") return "autoincrement";
  if (value === "now()") return "CURRENT_TIMESTAMP";
  if (/^(uuid|cuid|nanoid|ulid)\(.*\)$/.test(value)) return null; // generated by the client
  const generated = /^dbgenerated\(([\s\S]*)\)$/.exec(value);
  if (generated) return generated[1] ? normaliseDefault(unquote(generated[1])) : null;
  const enumDef = ctx.enumValues.get(field.type);
  if (enumDef) {
    const v = enumDef.values.find((x) => x.name === value);
    return v ? `'${dbName(v.attributes, v.name)}'` : value;
  }
  if (value.startsWith('"')) return normaliseDefault(`'${unquote(value).replace(/'/g, "''")}'`);
  return normaliseDefault(value);
}

function expectedPrimaryKey(model: PslModel, table: string): TableShape["primaryKey"] {
  const idField = model.fields.find((f) => attribute(f.attributes, "id"));
  if (idField) {
    const map = argument(attribute(idField.attributes, "id"), "map");
    return { name: map ? unquote(map) : `${table}_pkey`, columns: [columnName(idField)] };
  }
  const compound = attribute(model.attributes, "id");
  if (!compound) return undefined;
  const map = argument(compound, "map");
  const fields = parseFieldList(argument(compound, "fields", true) ?? "[]");
  return { name: map ? unquote(map) : `${table}_pkey`, columns: fields.map((f) => fieldColumn(model, f.name)) };
}

const fieldColumn = (model: PslModel, fieldName: string): string => {
  const field = model.fields.find((f) => f.name === fieldName);
  return field ? columnName(field) : fieldName;
};

function addIndexes(shape: SchemaShape, model: PslModel, table: string): void {
  for (const field of model.fields) {
    const unique = attribute(field.attributes, "unique");
    if (!unique) continue;
    const col = columnName(field);
    const map = argument(unique, "map");
    const sort = argument(unique, "sort");
    const name = map ? unquote(map) : constraintName(table, [col], "key");
    shape.indexes.set(name, { table, unique: true, columns: [sort === "Desc" ? `${col} DESC` : col], method: "btree" });
  }
  for (const a of model.attributes.filter((x) => x.name === "unique" || x.name === "index")) {
    const fields = parseFieldList(argument(a, "fields", true) ?? "[]");
    const columns = fields.map((f) => fieldColumn(model, f.name));
    const map = argument(a, "map");
    const name = map ? unquote(map) : constraintName(table, columns, a.name === "unique" ? "key" : "idx");
    shape.indexes.set(name, {
      table,
      unique: a.name === "unique",
      columns: fields.map((f, i) => (f.args.some((x) => x.name === "sort" && x.value === "Desc") ? `${columns[i]} DESC` : columns[i]!)),
      method: (argument(a, "type") ?? "BTree").toLowerCase(),
    });
  }
}

function addForeignKey(ctx: ModelContext, model: PslModel, field: PslField): void {
  const relation = attribute(field.attributes, "relation");
  const fieldsArg = argument(relation, "fields");
  if (!relation || !fieldsArg) return; // the other side of the relation holds the foreign key
  const target = ctx.models.get(field.type)!;
  const table = tableName(model);
  const columns = parseFieldList(fieldsArg).map((f) => fieldColumn(model, f.name));
  const refColumns = parseFieldList(argument(relation, "references") ?? "[]").map((f) => fieldColumn(target, f.name));
  const map = argument(relation, "map");
  // Prisma's defaults: a required relation restricts deletes, an optional one sets NULL.
  const onDelete = argument(relation, "onDelete") ?? (field.optional ? "SetNull" : "Restrict");
  const onUpdate = argument(relation, "onUpdate") ?? "Cascade";
  ctx.shape.foreignKeys.set(map ? unquote(map) : constraintName(table, columns, "fkey"), {
    table,
    columns,
    refTable: tableName(target),
    refColumns,
    onDelete: REFERENTIAL_ACTIONS[onDelete] ?? onDelete,
    onUpdate: REFERENTIAL_ACTIONS[onUpdate] ?? onUpdate,
  });
}

/** Strips casts and quoting differences so `'x'::text` and `'x'` compare equal. */
export function normaliseDefault(expr: string): string {
  let e = expr.trim();
  if (/^nextval\(/i.test(e)) return "autoincrement";
  for (let prev = ""; prev !== e; ) {
    prev = e;
    e = e.replace(/::(?:"[^"]+"|[\w ]+(?:\(\d+(?:,\d+)?\))?)(\[\])?$/, "").trim();
    if (/^\(.*\)$/.test(e)) e = e.slice(1, -1).trim();
  }
  if (/^now\(\)$/i.test(e)) return "CURRENT_TIMESTAMP";
  return e;
}

// ---------------------------------------------------------------------------------------------
// Actual shape from pg_catalog, limited to the connection's current schema.

const ACTION_CODES: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

export async function introspect(client: pg.ClientBase): Promise<SchemaShape> {
  const shape: SchemaShape = { tables: new Map(), enums: new Map(), indexes: new Map(), foreignKeys: new Map(), problems: [] };
  await readTables(client, shape);
  await readColumns(client, shape);
  await readPrimaryKeys(client, shape);
  await readIndexes(client, shape);
  await readForeignKeys(client, shape);
  await readEnums(client, shape);
  return shape;
}

async function readTables(client: pg.ClientBase, shape: SchemaShape): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> $1`,
    [MIGRATIONS_TABLE],
  );
  for (const r of rows) shape.tables.set(r.name, { columns: new Map() });
}

async function readColumns(client: pg.ClientBase, shape: SchemaShape): Promise<void> {
  const { rows } = await client.query<{ table: string; column: string; type: string; enum: string | null; not_null: boolean; default: string | null }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            CASE WHEN t.typtype = 'e' THEN t.typname WHEN et.typtype = 'e' THEN et.typname || '[]' END AS enum,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      ORDER BY c.relname, a.attnum`,
  );
  for (const r of rows) {
    shape.tables.get(r.table)?.columns.set(r.column, {
      type: r.enum ? `enum ${r.enum}` : r.type,
      notNull: r.not_null,
      default: r.default === null ? null : normaliseDefault(r.default),
    });
  }
}

async function readPrimaryKeys(client: pg.ClientBase, shape: SchemaShape): Promise<void> {
  const { rows } = await client.query<{ table: string; name: string; columns: string[] }>(
    `SELECT c.relname AS table, con.conname AS name,
            array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'p' AND n.nspname = current_schema()`,
  );
  for (const r of rows) {
    const table = shape.tables.get(r.table);
    if (table) table.primaryKey = { name: r.name, columns: r.columns };
  }
}

async function readIndexes(client: pg.ClientBase, shape: SchemaShape): Promise<void> {
  const { rows } = await client.query<{ name: string; table: string; unique: boolean; method: string; partial: boolean; columns: string[] }>(
    `SELECT i.relname AS name, c.relname AS table, ix.indisunique AS unique, am.amname AS method,
            (ix.indexprs IS NOT NULL OR ix.indpred IS NOT NULL) AS partial,
            array(SELECT COALESCE(a.attname::text, '<expression>')
                         || CASE WHEN pg_index_column_has_property(ix.indexrelid, k.ord::int, 'desc') THEN ' DESC' ELSE '' END
                    FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                   ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class c ON c.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = current_schema() AND NOT ix.indisprimary AND c.relname <> $1`,
    [MIGRATIONS_TABLE],
  );
  for (const r of rows) {
    if (r.partial) shape.problems.push(`index "${r.name}" has an expression or a WHERE clause, which schema.prisma cannot describe`);
    shape.indexes.set(r.name, { table: r.table, unique: r.unique, columns: r.columns, method: r.method });
  }
}

async function readForeignKeys(client: pg.ClientBase, shape: SchemaShape): Promise<void> {
  const { rows } = await client.query<{ name: string; table: string; ref_table: string; columns: string[]; ref_columns: string[]; del: string; upd: string }>(
    `SELECT con.conname AS name, c.relname AS table, rc.relname AS ref_table,
            array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
            con.confdeltype::text AS del, con.confupdtype::text AS upd
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_class rc ON rc.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'f' AND n.nspname = current_schema()`,
  );
  for (const r of rows) {
    shape.foreignKeys.set(r.name, {
      table: r.table,
      columns: r.columns,
      refTable: r.ref_table,
      refColumns: r.ref_columns,
      onDelete: ACTION_CODES[r.del] ?? r.del,
      onUpdate: ACTION_CODES[r.upd] ?? r.upd,
    });
  }
}

async function readEnums(client: pg.ClientBase, shape: SchemaShape): Promise<void> {
  const { rows } = await client.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name,
            array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype = 'e' AND n.nspname = current_schema()`,
  );
  for (const r of rows) shape.enums.set(r.name, r.labels);
}

// ---------------------------------------------------------------------------------------------
// Comparison.

export function diffShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  return [
    ...expected.problems,
    ...actual.problems,
    ...diffTables(expected, actual),
    ...diffMaps("index", expected.indexes, actual.indexes, describeIndex),
    ...diffMaps("foreign key", expected.foreignKeys, actual.foreignKeys, describeForeignKey),
    ...diffMaps("enum", expected.enums, actual.enums, (labels) => `(${labels.join(", ")})`),
  ];
}

function diffTables(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  for (const [name, exp] of expected.tables) {
    const act = actual.tables.get(name);
    if (!act) out.push(`table "${name}" (${exp.source}) is missing from the database`);
    else out.push(...diffColumns(name, exp, act), ...diffPrimaryKey(name, exp, act));
  }
  for (const name of actual.tables.keys()) {
    if (!expected.tables.has(name)) out.push(`table "${name}" is in the database but not in schema.prisma`);
  }
  return out;
}

function diffColumns(table: string, exp: TableShape, act: TableShape): string[] {
  const out: string[] = [];
  for (const [name, e] of exp.columns) {
    const a = act.columns.get(name);
    const label = `column "${table}"."${name}" (${e.source})`;
    if (!a) {
      out.push(`${label} is missing from the database`);
      continue;
    }
    if (a.type !== e.type) out.push(`${label} has type ${a.type} in the database, schema.prisma expects ${e.type}`);
    if (a.notNull !== e.notNull) {
      out.push(`${label} is ${a.notNull ? "NOT NULL" : "nullable"} in the database, schema.prisma expects ${e.notNull ? "NOT NULL" : "nullable"}`);
    }
    if (a.default !== e.default) out.push(`${label} has default ${a.default ?? "(none)"} in the database, schema.prisma expects ${e.default ?? "(none)"}`);
  }
  for (const name of act.columns.keys()) {
    if (!exp.columns.has(name)) out.push(`column "${table}"."${name}" is in the database but not in schema.prisma`);
  }
  return out;
}

function diffPrimaryKey(table: string, exp: TableShape, act: TableShape): string[] {
  const describe = (pk: TableShape["primaryKey"]) => (pk ? `${pk.name} (${pk.columns.join(", ")})` : "none");
  const e = describe(exp.primaryKey);
  const a = describe(act.primaryKey);
  return e === a ? [] : [`primary key of "${table}" is ${a} in the database, schema.prisma expects ${e}`];
}

function diffMaps<T>(kind: string, expected: Map<string, T>, actual: Map<string, T>, describe: (v: T) => string): string[] {
  const out: string[] = [];
  for (const [name, e] of expected) {
    const a = actual.get(name);
    if (a === undefined) out.push(`${kind} "${name}" ${describe(e)} is missing from the database`);
    else if (describe(a) !== describe(e)) out.push(`${kind} "${name}" is ${describe(a)} in the database, schema.prisma expects ${describe(e)}`);
  }
  for (const [name, a] of actual) {
    if (!expected.has(name)) out.push(`${kind} "${name}" ${describe(a)} is in the database but not in schema.prisma`);
  }
  return out;
}

const describeIndex = (i: IndexShape): string =>
  `${i.unique ? "UNIQUE " : ""}on "${i.table}" (${i.columns.join(", ")})${i.method === "btree" ? "" : ` USING ${i.method}`}`;

const describeForeignKey = (f: ForeignKeyShape): string =>
  `"${f.table}" (${f.columns.join(", ")}) → "${f.refTable}" (${f.refColumns.join(", ")}) ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`;
