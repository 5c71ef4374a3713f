/**
 * Types a model may name in a cast, a column definition list or RETURNING:
 * analytic value types only. Naming a type runs its input function, so reg*
 * types (catalog lookups by name), xml (a parser), pg_* and row types of tables
 * are refused. regconfig is the one exception: it only names a text search
 * configuration, and to_tsvector('english', ...) converts to it anyway. The range
 * types are here because their constructors (daterange(...)) are allowed calls,
 * and a one-argument call PostgreSQL cannot match becomes a cast to the type.
 *
 * Keys are the names the parser produces: `integer` arrives as pg_catalog.int4,
 * `text` as text, `character varying` as pg_catalog.varchar, `char` as bpchar.
 */
const CATALOG_TYPES = [
  'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'bool', 'text', 'varchar', 'bpchar', 'date', 'time', 'timetz',
  'timestamp', 'timestamptz', 'interval', 'uuid', 'json', 'jsonb', 'tsvector', 'tsquery', 'regconfig', 'bytea',
  'daterange', 'tstzrange', 'tsrange', 'int4range', 'int8range', 'numrange',
];

/** pgvector's type lives in public. */
const PUBLIC_TYPES = ['vector'];

export const ALLOWED_TYPES: ReadonlyMap<string, 'pg_catalog' | 'public'> = new Map([
  ...CATALOG_TYPES.map((name) => [name, 'pg_catalog'] as const),
  ...PUBLIC_TYPES.map((name) => [name, 'public'] as const),
]);

/**
 * Whether a type reached by its internal name (attribute notation names array
 * types as `_int4`) is an allowed type or an array of one.
 */
export function isAllowedInternalTypeName(name: string): boolean {
  return ALLOWED_TYPES.has(name) || (name.startsWith('_') && ALLOWED_TYPES.has(name.slice(1)));
}
