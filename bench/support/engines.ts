import { openPglite, openPostgres } from '../../src/db/openDatabase.js';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabasePort } from '../../src/db/port.js';
import { findPgvectorInstallation, startPgvectorPostgres, type NativeServer } from '../../test/support/pgvectorServer.js';
import { freePort, postgresUrl, startEmbeddedPostgres } from '../../test/support/testInfrastructure.js';

/** The engine configurations of the test suite: PGlite, embedded PostgreSQL 18 (no pgvector), a native PostgreSQL with pgvector. */
export const BENCH_ENGINES = ['pglite', 'postgres', 'pgvector'] as const;
export type BenchEngineKind = (typeof BENCH_ENGINES)[number];

/** An opened database nobody else uses; dispose closes it and throws it away. */
export interface FreshDatabase {
  db: DatabasePort;
  /** How a CLI process reaches it. */
  cliArgs: string[];
  dispose(): Promise<void>;
}

export interface BenchEngine {
  kind: BenchEngineKind;
  /** Where the data lives and how the server is configured, for the report. */
  description: string;
  /** A new database with nothing in it: what `init` starts from. */
  freshEmpty(): Promise<FreshDatabase>;
  close(): Promise<void>;
}

/** Parses an --engines list; pgvector stays in only where this machine has it (said on stderr otherwise). */
export function parseBenchEngines(list: string, isUsageError: (message: string) => Error): BenchEngineKind[] {
  const engines = list.split(',').map((text) => text.trim());
  for (const engine of engines) if (!(BENCH_ENGINES as readonly string[]).includes(engine)) throw isUsageError(`--engines takes ${BENCH_ENGINES.join(', ')}, not ${engine}`);
  return engines as BenchEngineKind[];
}

/** PGlite in new data directories under a temporary directory. */
export async function pgliteBenchEngine(): Promise<BenchEngine> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'zava-bench-'));
  let counter = 0;
  const open = async (): Promise<FreshDatabase> => {
    const dataDir = path.join(root, `db-${++counter}`);
    const fresh = await openPglite({ dataDir });
    return {
      db: fresh,
      cliArgs: ['--data-dir', dataDir],
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

function serverBenchEngine(kind: 'postgres' | 'pgvector', server: NativeServer, description: string, stopServer: () => Promise<void>): BenchEngine {
  const admin = new pg.Client({ connectionString: postgresUrl(server.connection, 'postgres') });
  const connected = admin.connect();
  let counter = 0;
  const open = async (): Promise<FreshDatabase> => {
    await connected;
    const name = `bench_${kind}_${process.pid}_${++counter}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const databaseUrl = postgresUrl(server.connection, name);
    const fresh = await openPostgres({ databaseUrl, poolSize: 2 });
    return {
      db: fresh,
      cliArgs: ['--database-url', databaseUrl],
      dispose: async () => {
        await fresh.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  };
  return {
    kind,
    description,
    freshEmpty: open,
    close: async () => {
      await connected;
      await admin.end();
      await stopServer();
    },
  };
}

/** The embedded PostgreSQL 18 the tests start (test/support/testInfrastructure.ts); each fresh database is a CREATE DATABASE. */
export async function postgresBenchEngine(): Promise<BenchEngine> {
  const server = await startEmbeddedPostgres();
  return serverBenchEngine(
    'postgres',
    server,
    `${server.description} on 127.0.0.1 over TCP, started like test/support/testInfrastructure.ts: fsync=off, synchronous_commit=off, full_page_writes=off`,
    server.stop,
  );
}

/** The native PostgreSQL with pgvector the tests start (test/support/pgvectorServer.ts); undefined, with the reason, where the machine has none. */
export async function pgvectorBenchEngine(): Promise<BenchEngine | { missing: string }> {
  const lookup = findPgvectorInstallation();
  if ('missing' in lookup) return { missing: lookup.missing };
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'zava-bench-pgvector-'));
  // As root the server runs as the postgres OS user, which must reach its directory in here.
  chmodSync(runDir, 0o755);
  const server = await startPgvectorPostgres(lookup.found, path.join(runDir, 'server'), await freePort());
  return serverBenchEngine('pgvector', server, `${server.description} (${lookup.found.binDir}) on 127.0.0.1 over TCP, started like test/support/pgvectorServer.ts: fsync=off, synchronous_commit=off, full_page_writes=off`, async () => {
    await server.stop();
    rmSync(runDir, { recursive: true, force: true });
  });
}

/** Opens an engine configuration; a missing pgvector server is said, not hidden. */
export async function openBenchEngine(kind: BenchEngineKind): Promise<BenchEngine | { missing: string }> {
  if (kind === 'pglite') return pgliteBenchEngine();
  if (kind === 'postgres') return postgresBenchEngine();
  return pgvectorBenchEngine();
}
