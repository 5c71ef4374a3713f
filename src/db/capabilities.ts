import type { SqlExecutor } from './port.js';
import { versionAtLeast } from './versionAtLeast.js';

export interface DatabaseCapabilities {
  pgvector: { installed: boolean; version: string | undefined; iterativeScan: boolean };
  pgStatStatements: boolean;
}

/** pgvector's iterative index scans (what keeps store-filtered search from coming back short) start at 0.8. */
export const ITERATIVE_SCAN_MIN_VERSION = [0, 8] as const;

export async function detectCapabilities(db: SqlExecutor): Promise<DatabaseCapabilities> {
  const result = await db.query<{ vector_version: string | null; stats: boolean }>(`
    SELECT (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS vector_version,
           EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')
             AND position('pg_stat_statements' IN current_setting('shared_preload_libraries')) > 0 AS stats`);
  const version = result.rows[0]?.vector_version ?? undefined;
  return {
    pgvector: { installed: version !== undefined, version, iterativeScan: version !== undefined && versionAtLeast(version, ITERATIVE_SCAN_MIN_VERSION) },
    pgStatStatements: result.rows[0]?.stats === true,
  };
}


/**
 * Whether product vectors can be stored and searched here: pgvector 0.8 or newer,
 * the version the vector migration waits for. Undefined when they can, else why not.
 */
export function vectorsUnavailableReason(capabilities: DatabaseCapabilities): string | undefined {
  const { pgvector } = capabilities;
  if (!pgvector.installed) return 'pgvector is not installed on this database';
  if (!pgvector.iterativeScan) return `pgvector ${pgvector.version} is older than ${ITERATIVE_SCAN_MIN_VERSION.join('.')}, which store-filtered HNSW search needs`;
  return undefined;
}
