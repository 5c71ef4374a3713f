import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDangerousFunctionName } from '../../src/guard/dangerousFunctions.js';
import { ALLOWED_FUNCTIONS } from '../../src/guard/functionAllowlist.js';
import { RETAIL_RELATION_COLUMNS } from '../../src/guard/index.js';
import { CATALOG_TYPE_NAMES } from '../../src/guard/catalogTypeNames.js';
import { ONE_ARGUMENT_FUNCTION_NAMES } from '../../src/guard/oneArgumentFunctionNames.js';
import { ALLOWED_TYPES } from '../../src/guard/typeAllowlist.js';
import { freshMigratedPglite, type TestDatabase } from '../support/freshPglite.js';

/** The guard's lists, checked against the catalog of a migrated PGlite (PostgreSQL 18 with the extensions). */
describe('the guard lists agree with the PGlite catalog', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshMigratedPglite();
  });

  afterAll(async () => {
    await database?.close();
  });

  it('has every function name that PGlite can call with one argument in the built-in list', async () => {
    const result = await database.db.query<{ proname: string }>(
      'SELECT DISTINCT proname FROM pg_catalog.pg_proc WHERE pronargs >= 1 AND pronargs - pronargdefaults <= 1',
    );
    const missing = result.rows.map((row) => row.proname).filter((name) => !ONE_ARGUMENT_FUNCTION_NAMES.has(name));
    expect(missing).toEqual([]);
  });

  it('allows only functions that exist in each schema they are allowed from', async () => {
    const result = await database.db.query<{ name: string }>(
      "SELECT DISTINCT n.nspname || '.' || p.proname AS name FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace",
    );
    const existing = new Set(result.rows.map((row) => row.name));
    const missing = [...ALLOWED_FUNCTIONS].flatMap(([name, rule]) => [...rule.homes].map((home) => `${home}.${name}`)).filter((name) => !existing.has(name));
    expect(missing).toEqual([]);
  });

  it('allows no procedure, no SECURITY DEFINER function but verified_store_ids, and no function with its own settings but two retail ones', async () => {
    const result = await database.db.query<{ name: string; prokind: string; prosecdef: boolean; proconfig: string[] | null }>(
      `SELECT n.nspname || '.' || p.proname AS name, p.prokind, p.prosecdef, p.proconfig
         FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('pg_catalog', 'public', 'retail')`,
    );
    const allowed = result.rows.filter((row) => {
      const [schema = '', name = ''] = row.name.split('.');
      return (ALLOWED_FUNCTIONS.get(name)?.homes as ReadonlySet<string> | undefined)?.has(schema) ?? false;
    });
    expect(allowed.length).toBeGreaterThan(300);
    expect(allowed.filter((row) => row.prokind === 'p').map((row) => row.name)).toEqual([]);
    expect([...new Set(allowed.filter((row) => row.prosecdef).map((row) => row.name))]).toEqual(['retail.verified_store_ids']);
    // Both pin search_path; the similarity search also tunes hnsw for its own duration.
    expect([...new Set(allowed.filter((row) => row.proconfig !== null).map((row) => row.name))].sort()).toEqual([
      'retail.search_products_by_similarity',
      'retail.verified_store_ids',
    ]);
  });

  it('allows no function that takes a reg* (but regconfig), internal or cstring argument', async () => {
    const result = await database.db.query<{ name: string; argument: string }>(
      `SELECT DISTINCT n.nspname || '.' || p.proname AS name, a::regtype::text AS argument
         FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace, unnest(p.proargtypes::oid[]) AS a
        WHERE a::regtype::text ~ '^(reg|internal$|cstring$)' AND a::regtype::text <> 'regconfig'`,
    );
    const allowed = result.rows.filter((row) => {
      const [schema = '', name = ''] = row.name.split('.');
      return (ALLOWED_FUNCTIONS.get(name)?.homes as ReadonlySet<string> | undefined)?.has(schema) ?? false;
    });
    expect(allowed).toEqual([]);
  });

  it('allows no function of the dangerous list but current_setting, which only reads the store context', () => {
    expect([...ALLOWED_FUNCTIONS.keys()].filter(isDangerousFunctionName)).toEqual(['current_setting']);
    expect(ALLOWED_FUNCTIONS.get('current_setting')?.checkCall).toBeDefined();
  });

  it('allows only types that exist in the schema they are allowed from', async () => {
    const result = await database.db.query<{ name: string }>(
      "SELECT n.nspname || '.' || t.typname AS name FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace",
    );
    const existing = new Set(result.rows.map((row) => row.name));
    expect([...ALLOWED_TYPES].map(([name, home]) => `${home}.${name}`).filter((name) => !existing.has(name))).toEqual([]);
  });

  it('has every type name a store session can reach in the built-in list', async () => {
    const result = await database.db.query<{ typname: string }>(
      `SELECT DISTINCT t.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname IN ('pg_catalog', 'public', 'retail')`,
    );
    expect(result.rows.length).toBeGreaterThan(400);
    expect(result.rows.map((row) => row.typname).filter((name) => !CATALOG_TYPE_NAMES.has(name))).toEqual([]);
  });

  it('allows a function whose name is also a type only when that type is allowed, since a call it cannot match becomes a cast', () => {
    const castingCalls = [...ALLOWED_FUNCTIONS.keys()].filter((name) => CATALOG_TYPE_NAMES.has(name));
    expect(castingCalls.length).toBeGreaterThan(10);
    expect(castingCalls.filter((name) => !ALLOWED_TYPES.has(name))).toEqual([]);
  });

  it('has no retail column that attribute notation would refuse as a type', () => {
    const columns = [...RETAIL_RELATION_COLUMNS.values()].flat();
    expect(columns.filter((name) => CATALOG_TYPE_NAMES.has(name) && !ALLOWED_TYPES.has(name))).toEqual([]);
  });

  it('knows the columns of every allowed retail relation', async () => {
    const result = await database.db.query<{ table_name: string; columns: string[] }>(
      `SELECT table_name, array_agg(column_name::text ORDER BY ordinal_position) AS columns
         FROM information_schema.columns WHERE table_schema = 'retail' GROUP BY table_name`,
    );
    const actual = new Map(result.rows.map((row) => [row.table_name, row.columns]));
    for (const [relation, columns] of RETAIL_RELATION_COLUMNS) expect(actual.get(relation), relation).toEqual(columns);
  });

  it('lets a store read every allowed retail relation', async () => {
    expect(RETAIL_RELATION_COLUMNS.size).toBeGreaterThanOrEqual(7);
    const readable = await database.db.transaction({ role: 'store', readOnly: true }, async (tx) => {
      await tx.query("SELECT retail.set_store_context('seattle')");
      const read: string[] = [];
      for (const relation of RETAIL_RELATION_COLUMNS.keys()) {
        await tx.query(`SELECT * FROM retail.${relation} LIMIT 0`);
        read.push(relation);
      }
      return read;
    });
    expect(readable).toEqual([...RETAIL_RELATION_COLUMNS.keys()]);
  });

});

/** Why the guard is the only barrier on PGlite: facts of the engine it defends. */
describe('the engine facts the guard exists for', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshMigratedPglite();
  });

  afterAll(async () => {
    await database?.close();
  });

  it('lets a store session on PGlite become the superuser through set_config, so set_config must never pass', async () => {
    const user = await database.db.transaction({ role: 'store', readOnly: true }, async (tx) => {
      await tx.query("SELECT set_config('role', 'postgres', true)");
      return (await tx.query<{ current_user: string }>('SELECT current_user')).rows[0]?.current_user;
    });
    expect(user).toBe('postgres');
  });

  it('casts through attribute notation when no function of the name exists, so x.f must pass the type rules', async () => {
    const result = await database.db.transaction({ role: 'store', readOnly: true }, (tx) =>
      tx.query<{ relations: string[]; type: string }>("SELECT ('{pg_authid,pg_shadow}')._regclass::text[] AS relations, ('23'::text).regtype::text AS type"),
    );
    expect(result.rows[0]).toEqual({ relations: ['pg_authid', 'pg_shadow'], type: 'integer' });
  });

  it('calls a function through attribute notation on a plain value, so x.f must pass the function rules', async () => {
    const result = await database.db.transaction({ role: 'store', readOnly: true }, (tx) => tx.query<{ upper: string }>("SELECT ('abc'::text).upper"));
    expect(result.rows[0]?.upper).toBe('ABC');
  });
});
