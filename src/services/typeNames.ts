/** Names of the PostgreSQL types a retail query returns, for column headers. */
const TYPE_NAMES: Readonly<Record<number, string>> = {
  16: 'boolean',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'text',
  114: 'json',
  700: 'real',
  701: 'double precision',
  1009: 'text[]',
  1043: 'varchar',
  1082: 'date',
  1083: 'time',
  1114: 'timestamp',
  1184: 'timestamptz',
  1186: 'interval',
  1700: 'numeric',
  2950: 'uuid',
  3802: 'jsonb',
  3614: 'tsvector',
  1005: 'smallint[]',
  1007: 'integer[]',
  1016: 'bigint[]',
  1015: 'varchar[]',
  2951: 'uuid[]',
  1231: 'numeric[]',
};

export function typeName(oid: number): string {
  return TYPE_NAMES[oid] ?? `oid ${oid}`;
}
