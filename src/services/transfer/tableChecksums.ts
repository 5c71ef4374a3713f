import { quoteIdent } from '../../db/copyTable.js';
import type { SqlExecutor } from '../../db/port.js';
import type { ZavaTable } from './zavaTables.js';

/**
 * Settings under which every value prints the same way on every engine and
 * version: the text a checksum is taken of. Made transaction-local by the caller
 * (TransactionOptions.settings).
 */
export const CANONICAL_TEXT_SETTINGS: Readonly<Record<string, string>> = {
  TimeZone: 'UTC',
  DateStyle: 'ISO, YMD',
  IntervalStyle: 'postgres',
  extra_float_digits: '1',
  bytea_output: 'hex',
};

export interface TableChecksum {
  rows: number;
  /** md5 over the md5 of each row's text, in primary-key order. */
  digest: string;
}

/** A checksum of the given columns of a table: equal checksums, equal rows. */
export async function tableChecksum(db: SqlExecutor, table: ZavaTable, columns: readonly string[] = table.columns): Promise<TableChecksum> {
  const row = `ROW(${columns.map((column) => `t.${quoteIdent(column)}`).join(', ')})::text`;
  const order = (table.primaryKey.length > 0 ? table.primaryKey : columns).map((column) => `t.${quoteIdent(column)}`).join(', ');
  const result = await db.query<{ rows: number | string; digest: string }>(
    `SELECT count(*) AS rows, md5(COALESCE(string_agg(md5(${row}), '' ORDER BY ${order}), '')) AS digest FROM ${quoteIdent(table.schema)}.${quoteIdent(table.table)} t`,
  );
  return { rows: Number(result.rows[0]!.rows), digest: result.rows[0]!.digest };
}
