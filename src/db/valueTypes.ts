/**
 * One mapping from PostgreSQL text values to JavaScript, used by both engines so
 * that the same query returns the same values on PGlite and on a real server.
 */
export const TYPE_OIDS = {
  int8: 20,
  int2: 21,
  int4: 23,
  float4: 700,
  float8: 701,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
} as const;

export type TextParser = (value: string) => unknown;

const toNumber: TextParser = (value) => Number(value);
const asText: TextParser = (value) => value;
const toDate: TextParser = (value) => new Date(value.includes('T') || value.includes(' ') ? withUtcDesignator(value) : value);

/**
 * bigint and numeric become numbers (analytics values, not ledger keys); dates stay
 * `YYYY-MM-DD` text so no time zone can shift them; timestamps become Date.
 */
export const CANONICAL_PARSERS: Readonly<Record<number, TextParser>> = {
  [TYPE_OIDS.int8]: toNumber,
  [TYPE_OIDS.int2]: toNumber,
  [TYPE_OIDS.int4]: toNumber,
  [TYPE_OIDS.float4]: toNumber,
  [TYPE_OIDS.float8]: toNumber,
  [TYPE_OIDS.numeric]: toNumber,
  [TYPE_OIDS.date]: asText,
  [TYPE_OIDS.timestamp]: toDate,
  [TYPE_OIDS.timestamptz]: toDate,
};

function withUtcDesignator(value: string): string {
  // Sessions run with TimeZone=UTC; "2025-01-02 03:04:05+00" and a bare timestamp both mean UTC.
  const iso = value.replace(' ', 'T');
  if (/[+-]\d\d(:?\d\d)?$/.test(iso)) return iso.replace(/([+-]\d\d)$/, '$1:00');
  return iso.endsWith('Z') ? iso : `${iso}Z`;
}
