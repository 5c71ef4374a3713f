import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabasePort } from '../../src/db/port.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface EngineVersions {
  pglite: string;
  pglitePgvector: string;
  postgres: string;
  pgvector: string;
  transformers: string;
  onnxruntimeNode: string;
}

export interface DatabaseSettings {
  [name: string]: string;
}

function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return json.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

export async function engineVersions(db: DatabasePort): Promise<EngineVersions> {
  const row = (
    await db.query<{ version: string; pgvector: string | null }>(
      "SELECT version() AS version, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS pgvector",
    )
  ).rows[0];
  return {
    pglite: packageVersion('@electric-sql/pglite'),
    pglitePgvector: packageVersion('@electric-sql/pglite-pgvector'),
    postgres: row?.version ?? db.info.serverVersion,
    pgvector: row?.pgvector ?? 'not installed',
    transformers: packageVersion('@huggingface/transformers'),
    onnxruntimeNode: packageVersion('onnxruntime-node'),
  };
}

/** The settings that shape an HNSW build and a filtered HNSW scan, as a fresh session has them. */
export async function databaseSettings(db: DatabasePort): Promise<DatabaseSettings> {
  const names = [
    'shared_buffers',
    'work_mem',
    'maintenance_work_mem',
    'max_parallel_maintenance_workers',
    'hnsw.ef_search',
    'hnsw.iterative_scan',
    'hnsw.max_scan_tuples',
    'hnsw.scan_mem_multiplier',
    'random_page_cost',
    'jit',
  ];
  const rows = (await db.query<{ name: string; setting: string; unit: string | null }>('SELECT name, setting, unit FROM pg_settings WHERE name = ANY ($1)', [names])).rows;
  return Object.fromEntries(rows.map((row) => [row.name, row.unit ? `${row.setting} (${row.unit})` : row.setting]));
}
