import { describe, expect, it } from 'vitest';
import { MAX_FORMAT_WIDTH, MAX_PADDED_LENGTH } from '../../src/guard/functionArguments.js';
import { expectAllowed, expectRefused } from './guardAssertions.js';

describe('function calls', () => {
  it('allows built-ins unqualified or qualified with pg_catalog', () => {
    expect(expectAllowed("SELECT upper('a'), pg_catalog.lower('B'), \"pg_catalog\".\"length\"('c')").functions).toEqual([
      'upper',
      'pg_catalog.lower',
      'pg_catalog.length',
    ]);
  });

  it('allows extension functions unqualified or qualified with public', () => {
    expectAllowed("SELECT similarity('a', 'b'), public.word_similarity('a', 'b'), public.cosine_distance('[1,2]'::vector, '[2,1]'::vector)");
  });

  it('allows the read-only retail functions, and refuses the others', () => {
    expectAllowed('SELECT retail.current_store_ids(), retail.verified_store_ids(), current_store_ids()');
    expectRefused("SELECT retail.set_store_context('seattle')", ['set_store_context']);
    expectRefused('SELECT * FROM retail.slow_query_stats(1)', ['slow_query_stats']);
  });

  it('compares names exactly as the parser folded them', () => {
    expectAllowed('SELECT UPPER(email), "upper"(email) FROM customers');
    expectRefused('SELECT "UPPER"(email) FROM customers', ['"UPPER"']);
  });

  it('is not fooled by names of Object.prototype', () => {
    expectRefused('SELECT constructor(1)', ['constructor']);
    expectRefused('SELECT "__proto__"(1)', ['__proto__']);
    expectRefused('SELECT "hasOwnProperty"(1)', ['hasOwnProperty']);
  });

  it('allows SQL-syntax functions that the parser turns into pg_catalog calls', () => {
    expectAllowed(`SELECT EXTRACT(year FROM now()), now() AT TIME ZONE 'UTC', SUBSTRING('abc' FROM 2 FOR 1), TRIM(BOTH 'x' FROM 'xax'),
  POSITION('b' IN 'abc'), OVERLAY('abc' PLACING 'x' FROM 1), 'a' LIKE 'a' ESCAPE '!', 'a' SIMILAR TO 'a', 'x' IS NORMALIZED,
  COLLATION FOR ('x'), (DATE '2024-01-01', DATE '2024-02-01') OVERLAPS (DATE '2024-01-15', DATE '2024-03-01')`);
  });

  it('refuses SYSTEM_USER, which reveals how the session authenticated', () => {
    expectRefused('SELECT SYSTEM_USER', ['system_user']);
  });

  it('allows SQL value functions such as CURRENT_DATE and CURRENT_USER', () => {
    expectAllowed('SELECT CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIME, CURRENT_USER, SESSION_USER, CURRENT_SCHEMA');
  });

  it('allows COALESCE, NULLIF, GREATEST and LEAST, which are not function calls', () => {
    expect(expectAllowed('SELECT COALESCE(NULL, 1), NULLIF(1, 2), GREATEST(1, 2), LEAST(1, 2)').functions).toEqual([]);
  });
});

describe("current_setting reads only 'app.current_store_id'", () => {
  it('allows the literal name, with or without a literal missing_ok flag', () => {
    expectAllowed(
      "SELECT current_setting('app.current_store_id'), current_setting('app.current_store_id', true), pg_catalog.current_setting('app.current_store_id', false)",
    );
  });

  it('allows the name written as an escape string', () => {
    expectAllowed("SELECT current_setting(E'app.current_store_id', true)");
  });

  it('refuses any other setting, including the context token', () => {
    for (const setting of ['role', 'search_path', 'app.store_context_token', 'is_superuser', 'data_directory', 'APP.CURRENT_STORE_ID']) {
      expectRefused(`SELECT current_setting('${setting}', true)`, ['current_setting']);
    }
  });

  it('refuses extra arguments, VARIADIC, aggregates and windows', () => {
    expectRefused("SELECT current_setting('app.current_store_id', true, 1)", ['current_setting']);
    expectRefused("SELECT current_setting(VARIADIC ARRAY['app.current_store_id'])", ['current_setting']);
    expectRefused("SELECT current_setting('app.current_store_id') OVER ()", ['current_setting']);
  });

  it('refuses current_setting in attribute notation, where its argument is not a literal', () => {
    expectRefused("SELECT ('app.current_store_id'::text).current_setting", ['current_setting']);
  });
});

describe('functions that could allocate without bound', () => {
  it(`allows lpad and rpad with a literal length up to ${MAX_PADDED_LENGTH}`, () => {
    expectAllowed(`SELECT lpad(sku, 12, '0'), rpad(sku, ${MAX_PADDED_LENGTH}) FROM products`);
  });

  it(`refuses lpad and rpad beyond ${MAX_PADDED_LENGTH} or with a computed length`, () => {
    expectRefused(`SELECT lpad('x', ${MAX_PADDED_LENGTH + 1})`, ['lpad']);
    expectRefused('SELECT rpad(sku, length(sku) * 1000) FROM products', ['rpad']);
    expectRefused("SELECT lpad('x', 3000000000)", ['lpad']);
  });

  it(`allows format with a literal template and widths up to ${MAX_FORMAT_WIDTH}`, () => {
    expectAllowed(`SELECT format('%s has %10s, %-5s%% and %1$I / %2$L', 'a', 'b', 'c'), format('%${MAX_FORMAT_WIDTH}s', 'x')`);
  });

  it('refuses format with computed widths, huge widths, unknown specifiers or a computed template', () => {
    expectRefused("SELECT format('%*s', 10, 'x')", ['format']);
    expectRefused("SELECT format('%1$*2$s', 'x', 10)", ['format']);
    expectRefused(`SELECT format('%${MAX_FORMAT_WIDTH + 1}s', 'x')`, ['format']);
    expectRefused("SELECT format('%q', 'x')", ['format']);
    expectRefused('SELECT format(email, 1) FROM customers', ['format']);
  });

  it('refuses repeat and array_fill outright', () => {
    expectRefused("SELECT repeat('ab', 3)", ['repeat']);
    expectRefused('SELECT array_fill(0, ARRAY[3])', ['array_fill']);
  });
});

describe('operators', () => {
  it('allows unqualified operators, including those of pgvector and pg_trgm', () => {
    expectAllowed("SELECT 1 + 2, 'a' || 'b', ARRAY[1] @> ARRAY[1], '[1,2]'::vector <-> '[2,1]'::vector, 'abc' % 'abd', jsonb_build_object('a', 1) ->> 'a'");
  });

  it('allows OPERATOR() qualified with pg_catalog or public', () => {
    expectAllowed("SELECT 1 OPERATOR(pg_catalog.+) 2, '[1,2]'::vector OPERATOR(public.<=>) '[2,1]'::vector");
  });

  it('refuses OPERATOR() qualified with any other schema', () => {
    expectRefused('SELECT 1 OPERATOR(retail_private.=) 1', ['OPERATOR(retail_private.=)']);
  });
});

describe('attribute notation', () => {
  it('allows qualified columns of the retail tables', () => {
    expectAllowed('SELECT c.email, c.loyalty_tier, p.metadata, p.tags, st.notes FROM customers c, products p, sales_transactions st');
  });

  it('allows field names of composite values built in the query', () => {
    expectAllowed('SELECT (j).key, (j).value FROM products p, jsonb_each(p.metadata) AS j');
  });

  it('allows aliases that are names of allowed or harmless functions', () => {
    expectAllowed('SELECT t.count, t.sum, t.name, t.path, t.date, t.year FROM (SELECT 1 AS count, 2 AS sum, 3 AS name, 4 AS path, 5 AS date, 6 AS year) t');
  });

  it('refuses aliases that are names of catalog functions it does not allow', () => {
    expectRefused('SELECT t.to_regclass FROM (SELECT 1 AS to_regclass) t', ['to_regclass', 'attribute notation']);
    expectRefused('SELECT t.pg_get_userbyid FROM (SELECT 1 AS pg_get_userbyid) t', ['pg_get_userbyid']);
  });

  it('accepts an injected catalog, so functions of other extensions are refused too', () => {
    const policy = { catalogFunctionNames: ['my_extension_exec'] };
    expectAllowed('SELECT t.my_extension_exec FROM (SELECT 1 AS my_extension_exec) t');
    expectRefused('SELECT t.my_extension_exec FROM (SELECT 1 AS my_extension_exec) t', ['my_extension_exec'], policy);
  });

  it('lets a policy declare a column whose name is a catalog function, but never a dangerous one', () => {
    const policy = { columnNames: ['to_regclass', 'pg_read_file'] };
    expectAllowed('SELECT t.to_regclass FROM (SELECT 1 AS to_regclass) t', policy);
    expectRefused('SELECT t.pg_read_file FROM (SELECT 1 AS pg_read_file) t', ['pg_read_file'], policy);
  });
});
