import { describe, expect, it } from 'vitest';
import { expectAllowed, expectRefused } from './guardAssertions.js';

/*
 * When x has no column f and no function f(x) exists, PostgreSQL reads x.f and
 * (x).f as the cast x::f. These are the forms an outside review used to read
 * catalog names; each must pass the type allowlist, as the cast it stands for would.
 */
describe('attribute notation that stands for a cast', () => {
  it('refuses every reg* type but regconfig, on a value, a column and a quoted name', () => {
    for (const type of ['regclass', 'regtype', 'regproc', 'regprocedure', 'regoper', 'regoperator', 'regrole', 'regnamespace', 'regcollation', 'regdictionary']) {
      expectRefused(`SELECT g, (g::text).${type}::text FROM generate_series(16384, 17500) g`, [type, 'convert x to type']);
      expectRefused(`SELECT (c.email).${type} FROM customers c`, [type]);
      expectRefused(`SELECT ('pg_authid')."${type}"`, [type]);
    }
    expectAllowed("SELECT ('english'::text).regconfig");
  });

  it('refuses array types of refused types, as the outside review used them', () => {
    expectRefused("SELECT ('{pg_authid,pg_shadow}')._regclass", ['_regclass']);
    expectRefused("SELECT ('{pg_catalog.pg_proc}')._regprocedure", ['_regprocedure']);
    expectRefused(`SELECT ('{"<a>1</a>"}')._xml`, ['_xml']);
  });

  it('refuses xml, pg_* types, oid and internal types', () => {
    for (const type of ['xml', 'pg_lsn', 'pg_snapshot', 'pg_node_tree', 'oid', 'aclitem', 'tid', 'xid', 'cstring', 'jsonpath', 'txid_snapshot']) {
      expectRefused(`SELECT ('x').${type}`, [type]);
    }
  });

  it('refuses row types of the retail tables and of the catalog', () => {
    expectRefused("SELECT ('(seattle,x)').stores", ['stores', 'type']);
    expectRefused("SELECT ('{}')._customers", ['_customers']);
    expectRefused("SELECT ('(1)').pg_class", ['pg_class']);
    expectRefused("SELECT ('(1)').table_stats", ['table_stats']);
  });

  it('refuses the (subquery).name form', () => {
    expectRefused("SELECT (SELECT 'pg_authid').regclass", ['regclass']);
    expectRefused("SELECT (SELECT ARRAY['pg_authid']::text[])._regclass", ['_regclass']);
    expectRefused("SELECT (SELECT '<a/>'::text).xml", ['xml']);
  });

  it('refuses a type name even where the policy declares a column of that name', () => {
    expectRefused('SELECT t.regclass FROM customers t', ['regclass'], { columnNames: ['regclass'] });
  });

  it('allows allowed types and their arrays, and the harmless field names', () => {
    expectAllowed("SELECT ('2025-01-01').date, ('1').int4, ('{1,2}')._int4, ('{a}')._text, ('[1,2]').vector, ('[1,3)').int4range");
    expectAllowed('SELECT t.name, t.path, t.point FROM (SELECT 1 AS name, 2 AS path, 3 AS point) t');
  });

  it('says which type the notation would convert to', () => {
    const refused = expectRefused('SELECT (oid_text).regclass FROM (SELECT 1::text AS oid_text) t');
    expect(refused.reason).toBe('regclass is not allowed here: x.regclass would convert x to type regclass (attribute notation)');
    expect(refused.position).toBeGreaterThan(0);
  });
});
