import { openPglite, openPostgres } from '../../src/db/openDatabase.js';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { DatabasePort } from '../../src/db/port.js';
import { postgresUrl, type ServerInfo } from './testInfrastructure.js';

/**
 * The engine configurations: PGlite (with pgvector), the embedded PostgreSQL 18
 * (no pgvector), and a native PostgreSQL with pgvector (where the machine has one).
 */
export const ENGINE_KINDS = ['pglite', 'postgres', 'pgvector'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];
/**
 * One configuration per engine. Suites whose behaviour does not depend on pgvector
 * (the CLI, the stdio process, services) run on these only, which keeps npm test
 * under its time budget; the conformance, search, embedding and in-process MCP
 * suites run on every configuration.
 */
export const EACH_ENGINE: readonly EngineKind[] = ['pglite', 'postgres'];

/** What a configuration has, for tests whose expectations differ by engine. */
export const ENGINE_TRAITS: Readonly<Record<EngineKind, { native: boolean; pgvector: boolean }>> = {
  pglite: { native: false, pgvector: true },
  postgres: { native: true, pgvector: false },
  pgvector: { native: true, pgvector: true },
};

/** The configurations with pgvector: semantic search and embeddings run on these. */
export const PGVECTOR_ENGINES: readonly EngineKind[] = ENGINE_KINDS.filter((kind) => ENGINE_TRAITS[kind].pgvector);

/** The native server of a configuration; throws for pglite and for a server this machine lacks. */
export function serverOf(kind: EngineKind): ServerInfo {
  const info = inject('infrastructure');
  if (kind === 'postgres') return info.postgres;
  if (kind === 'pgvector' && info.pgvector.available) return info.pgvector;
  throw new Error(kind === 'pglite' ? 'pglite has no server' : `the pgvector configuration is not available: ${unavailableReason(kind)}`);
}

/** Why a configuration cannot run here, or undefined when it can. */
export function unavailableReason(kind: EngineKind): string | undefined {
  const pgvector = inject('infrastructure').pgvector;
  return kind === 'pgvector' && !pgvector.available ? pgvector.reason : undefined;
}

/**
 * describe.each over configurations: one block per kind (`%s` in the title becomes
 * the kind). A configuration this machine lacks is registered as skipped, with the
 * reason in its title, so the run reports it as not run, never as passed.
 */
export function describeEngines(kinds: readonly EngineKind[], title: string, body: (kind: EngineKind) => void): void {
  for (const kind of kinds) {
    const name = title.replace('%s', kind);
    const missing = unavailableReason(kind);
    if (missing) describe.skip(`${name} (NOT RUN: ${missing})`, () => body(kind));
    else describe(name, () => body(kind));
  }
}

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

/** tableDigests of a configuration's seeded template: what every clone holds until a test changes it. */
export function seededDigestsOf(kind: EngineKind): Record<string, string> {
  return kind === 'pglite' ? inject('infrastructure').pglite.seededDigests : serverOf(kind).seededDigests;
}

/** A private copy of the seeded PGlite template directory, not opened. */
export function copyPgliteTemplate(): string {
  const info = inject('infrastructure');
  const dataDir = mkdtempSync(path.join(info.runDir, `zava_t_${process.pid}_${++counter}-`));
  cpSync(info.pglite.templateDir, dataDir, { recursive: true });
  return dataDir;
}

/** A private copy of the seeded template database of an engine configuration. */
export async function cloneSeededDatabase(kind: EngineKind): Promise<SeededDatabase> {
  if (kind === 'pglite') {
    const dataDir = copyPgliteTemplate();
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
  const server = serverOf(kind);
  const name = `zava_t_${process.pid}_${++counter}`;
  await withServerAdmin(server, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${server.templateDatabase}`));
  const databaseUrl = postgresUrl(server, name);
  let db: DatabasePort | undefined = await openPostgres({ databaseUrl, appPassword: server.appPassword, poolSize: 4 });
  return {
    kind,
    db,
    env: { DATABASE_URL: databaseUrl, ZAVA_APP_PASSWORD: server.appPassword },
    closeEngine: async () => {
      await db?.close();
      db = undefined;
    },
    dispose: async () => {
      await db?.close();
      await withServerAdmin(server, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A client on the server's `postgres` database as the superuser, for CREATE and DROP DATABASE. */
export async function withServerAdmin<T>(server: ServerInfo, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: postgresUrl(server, 'postgres') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
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
