import { openPglite, openPostgres } from '../../src/db/openDatabase.js';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { DatabasePort } from '../../src/db/port.js';
import { cloneSeededDatabase, copyPgliteTemplate, seededDigestsOf, serverOf, withServerAdmin, type EngineKind } from './seededDatabase.js';
import { postgresUrl } from './testInfrastructure.js';
import { scratchDir } from './cli.js';

/** A database the CLI is pointed at, which the test also reads as the owner between CLI runs. */
export interface CliDatabase {
  kind: EngineKind;
  /** How a CLI process reaches it (ZAVA_DATA_DIR, or DATABASE_URL and ZAVA_APP_PASSWORD). */
  env: Record<string, string>;
  /** An owner session from the test process; PGlite's is closed before this returns, so a CLI process can take the directory's lock. */
  withOwner<T>(work: (db: DatabasePort) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

/** A PGlite data directory opened just for `work`, then closed (and unlocked). */
export async function withPglite<T>(dataDir: string, work: (db: DatabasePort) => Promise<T>): Promise<T> {
  const db = await openPglite({ dataDir });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function withPostgres<T>(databaseUrl: string, work: (db: DatabasePort) => Promise<T>): Promise<T> {
  const db = await openPostgres({ databaseUrl, poolSize: 2 });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/**
 * A private copy of the engine's seeded test database (TEST_DATASET), ready for CLI
 * processes. A PGlite copy is not opened here: the CLI opens it, and each open costs seconds.
 */
export async function seededCliDatabase(kind: EngineKind): Promise<CliDatabase> {
  if (kind === 'pglite') {
    const dataDir = copyPgliteTemplate();
    return {
      kind,
      env: { ZAVA_DATA_DIR: dataDir },
      withOwner: (work) => withPglite(dataDir, work),
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const seeded = await cloneSeededDatabase(kind);
  return { kind, env: seeded.env, withOwner: (work) => work(seeded.db), dispose: () => seeded.dispose() };
}

/** Where `init` is pointed that holds no Zava database yet: a directory that does not exist, or an empty database. */
export interface InitTarget {
  kind: EngineKind;
  /** The flag naming it: --data-dir DIR or --database-url URL. */
  args: string[];
  withOwner<T>(work: (db: DatabasePort) => Promise<T>): Promise<T>;
  /** True while nothing has been written: the directory does not exist, or the database has no schema or relation of its own. */
  isUntouched(): Promise<boolean>;
  dispose(): Promise<void>;
}

let counter = 0;

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function emptyInitTarget(kind: EngineKind): Promise<InitTarget> {
  if (kind === 'pglite') {
    const dataDir = path.join(scratchDir('init'), 'pgdata');
    return {
      kind,
      args: ['--data-dir', dataDir],
      withOwner: (work) => withPglite(dataDir, work),
      isUntouched: async () => !existsSync(dataDir),
      dispose: async () => undefined,
    };
  }
  const server = serverOf(kind);
  const name = `zava_cli_${process.pid}_${++counter}`;
  await withServerAdmin(server, (client) => client.query(`CREATE DATABASE ${name}`));
  const databaseUrl = postgresUrl(server, name);
  return {
    kind,
    args: ['--database-url', databaseUrl],
    withOwner: (work) => withPostgres(databaseUrl, work),
    isUntouched: () =>
      withAdmin(databaseUrl, async (client) => {
        const { rows } = await client.query<{ schemas: number; relations: number }>(
          `SELECT (SELECT count(*)::int FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%') AS schemas,
                  (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public') AS relations`,
        );
        return rows[0]!.schemas === 0 && rows[0]!.relations === 0;
      }),
    dispose: () => withServerAdmin(server, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

import { tableDigests } from './tableDigests.js';

export { tableDigests };

export async function countRows(db: DatabasePort, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number | string }>(sql, params);
  return Number(rows[0]!.n);
}

/**
 * The CLI fixture of a describe block: a private seeded database made in beforeAll
 * (its table digests as it started are the template's) and disposed of in afterAll.
 */
export function useSeededCliDatabase(kind: EngineKind): { database: () => CliDatabase; seeded: () => Record<string, string> } {
  let database: CliDatabase | undefined;
  let seeded: Record<string, string> | undefined;
  beforeAll(async () => {
    database = await seededCliDatabase(kind);
    seeded = seededDigestsOf(kind);
  });
  afterAll(async () => database?.dispose());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the CLI database is made in beforeAll: use it inside tests and hooks');
    return value;
  };
  return { database: () => ready(database), seeded: () => ready(seeded) };
}
