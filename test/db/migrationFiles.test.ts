import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMER_EDITIONS } from '../../src/db/migrations/formerEditions.js';
import { loadMigrations, satisfies } from '../../src/db/migrations/migrationFiles.js';
import { REPO_ROOT } from '../support/cliFromSources.js';
import type { DatabasePort } from '../../src/db/port.js';
import { semanticReadiness } from '../../src/search/semanticReadiness.js';
import { embedProducts } from '../../src/services/embedProducts.js';

describe('migration files', () => {
  it('are ordered, uniquely versioned and checksummed', () => {
    const migrations = loadMigrations();
    expect(migrations.length).toBeGreaterThanOrEqual(10);
    const versions = migrations.map((migration) => migration.version);
    expect(versions).toEqual([...versions].sort());
    expect(new Set(versions).size).toBe(versions.length);
    for (const migration of migrations) expect(migration.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('are, as first landed, either unchanged or an earlier edition migrate knows how to bring up to date', () => {
    const current = new Map(loadMigrations().map((migration) => [migration.version, migration.checksum]));
    const first = loadMigrations(path.join(REPO_ROOT, 'test', 'fixtures', 'schema-07593b7'));
    expect(first.map((migration) => migration.version)).toEqual(['001', '002', '003', '004', '005', '006', '007', '008', '009', '010']);
    const edited = first.filter((migration) => migration.checksum !== current.get(migration.version));
    expect(edited.map((migration) => migration.version)).toEqual(Object.keys(FORMER_EDITIONS));
    for (const migration of edited) expect(FORMER_EDITIONS[migration.version]).toContain(migration.checksum);
  });

  it('make the vector objects wait for pgvector 0.8 or newer', () => {
    const vector = loadMigrations().find((migration) => migration.name === 'vector');
    expect(vector?.requires).toEqual([{ extension: 'vector', minimum: [0, 8] }]);
    expect(satisfies('0.8.0', vector!.requires[0]!)).toBe(true);
    expect(satisfies('0.10.1', vector!.requires[0]!)).toBe(true);
    expect(satisfies('1.0.0', vector!.requires[0]!)).toBe(true);
    expect(satisfies('0.7.4', vector!.requires[0]!)).toBe(false);
  });
});

describe('semantic search readiness', () => {
  const ready = { status: 'ready' as const, provider: { name: 'local' as const, model: 'm', dimensions: 3, embed: async () => [] } };

  it('says pgvector older than 0.8 cannot serve store-filtered search', () => {
    const readiness = semanticReadiness(ready, { pgvector: { installed: true, version: '0.7.4', iterativeScan: false }, pgStatStatements: false });
    expect(readiness).toEqual({ ready: false, reason: 'pgvector 0.7.4 is older than 0.8, which store-filtered HNSW search needs' });
  });

  it('keeps embed from writing vectors the older pgvector has no tables for', async () => {
    const db = {} as DatabasePort; // never reached: the refusal comes first
    const old = { pgvector: { installed: true, version: '0.7.4', iterativeScan: false }, pgStatStatements: false };
    await expect(embedProducts(db, ready.provider, { capabilities: old })).rejects.toMatchObject({ code: 'feature_unavailable', message: expect.stringMatching(/older than 0\.8/) });
  });

  it('is ready with pgvector 0.8 and a provider', () => {
    expect(semanticReadiness(ready, { pgvector: { installed: true, version: '0.8.1', iterativeScan: true }, pgStatStatements: false }).ready).toBe(true);
  });
});
