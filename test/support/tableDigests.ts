import { SEEDED_TABLE_KEYS } from './retailTables.js';
import type { DatabasePort } from '../../src/db/port.js';


/** Row count and a digest of every column of every row, per seeded table: equal digests mean equal data. */
export async function tableDigests(db: DatabasePort): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const [table, key] of SEEDED_TABLE_KEYS) {
    const { rows } = await db.query<{ digest: string | null; rows: number }>(
      `SELECT md5(string_agg(t::text, E'\\n' ORDER BY ${key})) AS digest, count(*)::int AS rows FROM retail.${table} t`,
    );
    digests[table] = `${rows[0]!.rows}:${rows[0]!.digest ?? ''}`;
  }
  return digests;
}
