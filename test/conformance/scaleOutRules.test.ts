import { expect, it } from 'vitest';
import { describeEngines, ENGINE_KINDS, useSeededDatabase } from '../support/seededDatabase.js';

/*
 * The catalog rules docs/scale-out.md relies on to distribute the schema by
 * store_id with Citus: keys and foreign keys of tenant tables carry the
 * distribution column, tenant tables point only at each other or at the reference
 * tables, and no policy hides a subquery.
 */

/** Distributed by store_id, colocated (docs/scale-out.md). */
const TENANT_TABLES = ['customers', 'product_embeddings', 'products', 'sales_transaction_items', 'sales_transactions'];
/** Replicated to every node. */
const REFERENCE_TABLES = ['embedding_models', 'product_categories', 'stores'];

interface Constraint {
  table: string;
  name: string;
  kind: 'p' | 'u' | 'f';
  columns: string[];
  referenced: string | null;
  referencedColumns: string[] | null;
}

const CONSTRAINTS = `
SELECT t.relname AS table, c.conname AS name, c.contype AS kind,
       ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
       r.relname AS referenced,
       CASE WHEN c.contype = 'f' THEN ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n) END AS "referencedColumns"
  FROM pg_constraint c
  JOIN pg_class t ON t.oid = c.conrelid
  LEFT JOIN pg_class r ON r.oid = c.confrelid
 WHERE c.connamespace = 'retail'::regnamespace AND c.contype IN ('p', 'u', 'f')
 ORDER BY 1, 2`;

describeEngines(ENGINE_KINDS, 'the catalog rules of the scale-out plan on %s', (kind) => {
  const database = useSeededDatabase(kind);
  const constraints = async () => (await database.db.query<Constraint>(CONSTRAINTS)).rows;

  it('classifies every retail table with a NOT NULL store_id, other than stores, as a tenant table', async () => {
    const { rows } = await database.db.query<{ table: string }>(`
      SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
       WHERE c.relnamespace = 'retail'::regnamespace AND c.relkind = 'r' AND a.attname = 'store_id' AND a.attnotnull AND c.relname <> 'stores'
       ORDER BY 1`);
    expect(rows.map((row) => row.table)).toEqual(TENANT_TABLES);
  });

  it('puts store_id in every primary key and unique constraint of a tenant table', async () => {
    const keys = (await constraints()).filter((constraint) => TENANT_TABLES.includes(constraint.table) && constraint.kind !== 'f');
    expect(keys.length).toBeGreaterThanOrEqual(TENANT_TABLES.length + 2);
    for (const key of keys) expect(key.columns, `${key.table}.${key.name}`).toContain('store_id');
    // Unique indexes that back no constraint would have to follow the same rule.
    const { rows } = await database.db.query<{ index: string; columns: string[] }>(`
      SELECT i.indexrelid::regclass::text AS index,
             ARRAY(SELECT a.attname::text FROM unnest(i.indkey) k(attnum) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) AS columns
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
       WHERE i.indisunique AND t.relnamespace = 'retail'::regnamespace AND t.relname = ANY ($1)`, [TENANT_TABLES]);
    expect(rows.length).toBeGreaterThanOrEqual(keys.length);
    for (const row of rows) expect(row.columns, row.index).toContain('store_id');
  });

  it('joins tenant tables by foreign keys on store_id at the same position, and points them elsewhere only at reference tables', async () => {
    const foreign = (await constraints()).filter((constraint) => constraint.kind === 'f' && TENANT_TABLES.includes(constraint.table));
    const between = foreign.filter((constraint) => TENANT_TABLES.includes(constraint.referenced!));
    expect(between.map((constraint) => constraint.name).sort()).toEqual([
      'product_embeddings_product_fkey',
      'sales_transaction_items_product_fkey',
      'sales_transaction_items_transaction_fkey',
      'sales_transactions_customer_fkey',
    ]);
    for (const constraint of between) {
      const position = constraint.columns.indexOf('store_id');
      expect(position, constraint.name).toBeGreaterThanOrEqual(0);
      expect(constraint.referencedColumns![position], constraint.name).toBe('store_id');
    }
    for (const constraint of foreign.filter((entry) => !between.includes(entry))) {
      expect(REFERENCE_TABLES, `${constraint.name} points at ${constraint.referenced}`).toContain(constraint.referenced);
    }
  });

  it('has no policy with a subquery, and the functions policies call have none either', async () => {
    const { rows } = await database.db.query<{ policy: string; qual: string | null; check: string | null; tree: string }>(`
      SELECT c.relname || '.' || p.polname AS policy, pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS check,
             COALESCE(p.polqual::text, '') || COALESCE(p.polwithcheck::text, '') AS tree
        FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
       WHERE c.relnamespace = 'retail'::regnamespace`);
    expect(rows.length).toBeGreaterThan(10);
    const called = new Set<string>();
    for (const row of rows) {
      expect(row.tree, row.policy).not.toMatch(/\{SUBLINK/);
      for (const text of [row.qual ?? '', row.check ?? '']) for (const [, name] of text.matchAll(/\bretail\.(\w+)\(/g)) called.add(name!);
    }
    expect([...called]).toEqual(['current_store_ids']);
    const { rows: functions } = await database.db.query<{ definition: string; volatility: string }>(
      "SELECT pg_get_functiondef(p.oid) AS definition, p.provolatile AS volatility FROM pg_proc p WHERE p.pronamespace = 'retail'::regnamespace AND p.proname = ANY ($1)",
      [[...called]],
    );
    expect(functions).toHaveLength(called.size);
    for (const fn of functions) {
      expect(fn.volatility).not.toBe('v');
      expect(fn.definition).not.toMatch(/\b(SELECT|FROM)\b/i);
    }
  });
});
