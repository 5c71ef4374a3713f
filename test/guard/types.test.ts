import { describe, it } from 'vitest';
import { expectAllowed, expectRefused } from './guardAssertions.js';

describe('types named in casts', () => {
  it('allows the analytic value types in every spelling', () => {
    expectAllowed(`SELECT 1::int, 1::integer, 1::int4, 1::smallint, 1::bigint, 1::int8, 1.5::numeric(10, 2), 1.5::decimal,
  1::real, 1::float, 1::float8, 1::double precision, 'x'::text, 'x'::varchar(10), 'x'::character varying, 'x'::char(2),
  true::boolean, 't'::bool, '2024-01-01'::date, '10:00'::time, '10:00'::time with time zone, '2024-01-01'::timestamp,
  '2024-01-01'::timestamptz, '2024-01-01'::timestamp(3) with time zone, '1 day'::interval, interval '1' day,
  DATE '2024-01-01', TIMESTAMP '2024-01-01 10:00', gen_random_uuid()::uuid, '{}'::json, '{}'::jsonb,
  '[1,2,3]'::vector, '[1,2]'::vector(2), 'a b'::tsvector, 'a & b'::tsquery, 'english'::regconfig`);
  });

  it('allows arrays of allowed types', () => {
    expectAllowed("SELECT '{1,2}'::int[], ARRAY['a']::text[], '{}'::numeric[][], CAST('{a}' AS varchar ARRAY)");
  });

  it('allows pg_catalog- and public-qualified allowed types', () => {
    expectAllowed("SELECT 1::pg_catalog.int4, 'x'::pg_catalog.text, '[1]'::public.vector");
  });

  it('refuses reg* types other than regconfig', () => {
    for (const type of ['regclass', 'regproc', 'regprocedure', 'regoper', 'regoperator', 'regtype', 'regrole', 'regnamespace', 'regcollation', 'regdictionary']) {
      expectRefused(`SELECT 'x'::${type}`, [type]);
    }
  });

  it('refuses xml, pg_* types, oid, name, internal types and table row types', () => {
    for (const type of ['xml', 'pg_lsn', 'pg_snapshot', 'oid', 'name', 'cstring', '"char"', 'aclitem', 'record', 'retail.stores', 'customers']) {
      expectRefused(`SELECT NULL::${type}`, ['type']);
    }
  });

  it('refuses allowed type names qualified with the wrong schema', () => {
    expectRefused("SELECT 'x'::retail.text", ['retail.text']);
    expectRefused("SELECT '[1]'::pg_catalog.vector", ['pg_catalog.vector']);
  });

  it('refuses internal array type names such as _text', () => {
    expectRefused("SELECT '{a}'::_text", ['_text']);
  });

  it('refuses SETOF and quoted upper-case look-alikes', () => {
    expectRefused('SELECT NULL::"INT4"', ['INT4']);
    expectRefused('SELECT NULL::setof int', ['SETOF']);
  });

  it('checks the types of column definition lists and JSON RETURNING clauses', () => {
    expectAllowed("SELECT * FROM jsonb_to_recordset('[]'::jsonb) AS t(a int, b text COLLATE \"C\", c numeric[])");
    expectRefused("SELECT * FROM jsonb_to_recordset('[]'::jsonb) AS t(a oid)", ['oid']);
    expectRefused("SELECT JSON_QUERY('{}'::jsonb, '$' RETURNING xml)", ['xml']);
  });
});
