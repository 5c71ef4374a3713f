import { openPglite, openPostgres } from '../../src/db/openDatabase.js';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { DatabasePort } from '../../src/db/port.js';
import { postgresUrl } from './testInfrastructure.js';

export const ENGINE_KINDS = ['pglite', 'postgres'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

export interface SeededDatabase {
  kind: EngineKind;
  db: DatabasePort;
  /** How a CLI child process reaches the same database. */
  env: Record<string, string>;
  /** Close the engine (e.g. before a CLI process opens the same PGlite directory). */
  closeEngine(): Promise<void>;
  dispose(): Promise<void>;
}

let counter = 0;

/** A private copy of the seeded template database of an engine. */
export async function cloneSeededDatabase(kind: EngineKind): Promise<SeededDatabase> {
  const info = inject('infrastructure');
  const name = `zava_t_${process.pid}_${++counter}`;
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(path.join(info.runDir, `${name}-`));
    cpSync(info.pglite.templateDir, dataDir, { recursive: true });
    let db: DatabasePort | undefined = await openPglite({ dataDir });
    return {
      kind,
      db,
      env: { ZAVA_DATA_DIR: dataDir },
      closeEngine: async () => {
        await db?.close();
        db = undefined;
      },
      dispose: async () => {
        await db?.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: postgresUrl(info.postgres, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${info.postgres.templateDatabase}`);
  await admin.end();
  const databaseUrl = postgresUrl(info.postgres, name);
  let db: DatabasePort | undefined = await openPostgres({ databaseUrl, appPassword: info.postgres.appPassword, poolSize: 4 });
  return {
    kind,
    db,
    env: { DATABASE_URL: databaseUrl, ZAVA_APP_PASSWORD: info.postgres.appPassword },
    closeEngine: async () => {
      await db?.close();
      db = undefined;
    },
    dispose: async () => {
      await db?.close();
      const cleanup = new pg.Client({ connectionString: postgresUrl(info.postgres, 'postgres') });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Cloning a template takes seconds on a loaded two-core machine; this bounds a hung clone. */
const CLONE_TIMEOUT_MS = 180_000;

/**
 * The seeded-database fixture of a test file or describe block: a private clone made
 * in beforeAll and disposed of in afterAll. Use its members inside tests and hooks
 * registered after this call.
 */
export function useSeededDatabase(kind: EngineKind): SeededDatabase {
  let current: SeededDatabase | undefined;
  beforeAll(async () => {
    current = await cloneSeededDatabase(kind);
  }, CLONE_TIMEOUT_MS);
  afterAll(async () => current?.dispose());
  const active = (): SeededDatabase => {
    if (!current) throw new Error('the seeded database is cloned in beforeAll: use it inside tests and hooks');
    return current;
  };
  return {
    kind,
    get db() {
      return active().db;
    },
    get env() {
      return active().env;
    },
    closeEngine: () => active().closeEngine(),
    dispose: () => active().dispose(),
  };
}
