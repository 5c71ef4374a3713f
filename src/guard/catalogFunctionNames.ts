import type { SqlExecutor } from '../db/port.js';

/**
 * Every function name of the connected database, for GuardPolicy.catalogFunctionNames:
 * a server with more extensions than PGlite has more names attribute notation
 * could call. pg_proc is readable by every role.
 */
export async function readCatalogFunctionNames(db: SqlExecutor): Promise<Set<string>> {
  const result = await db.query<{ proname: string }>('SELECT DISTINCT proname FROM pg_catalog.pg_proc');
  return new Set(result.rows.map((row) => row.proname));
}
