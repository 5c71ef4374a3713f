import { describe, expect, it } from 'vitest';
import { ZavaError } from '../../src/errors.js';
import { checkModelSql } from '../../src/guard/index.js';
import { DEFAULT_MAX_SQL_LENGTH } from '../../src/guard/policy.js';
import { expectAllowed, expectRefused } from './guardAssertions.js';

describe('guard policies', () => {
  it('allows the nine retail tables by default', () => {
    for (const table of ['stores', 'customers', 'product_categories', 'products', 'sales_transactions', 'sales_transaction_items', 'product_embeddings', 'audit_log', 'embedding_models']) {
      expect(expectAllowed(`SELECT * FROM ${table}`).relations).toEqual([`retail.${table}`]);
    }
  });

  it('can narrow the relations a model may read', () => {
    const policy = { relations: ['products', 'product_categories'] };
    expectAllowed('SELECT * FROM products JOIN product_categories USING (category_id)', policy);
    expectRefused('SELECT * FROM customers', ['relation customers', 'retail.products'], policy);
  });

  it('refuses to allow a relation whose name starts with pg_, since pg_catalog is searched first', () => {
    expect(() => checkModelSql('SELECT 1', { relations: ['pg_authid'] })).toThrow(ZavaError);
  });

  it('refuses to allow a relation name that needs quoting', () => {
    expect(() => checkModelSql('SELECT 1', { relations: ['Customers'] })).toThrow(/lower-case/);
  });

  it('refuses a maximum length that is not a positive integer', () => {
    expect(() => checkModelSql('SELECT 1', { maxSqlLength: 0 })).toThrow(ZavaError);
  });

  it(`accepts SQL up to ${DEFAULT_MAX_SQL_LENGTH} characters by default`, () => {
    const padding = ' '.repeat(DEFAULT_MAX_SQL_LENGTH - 'SELECT 1'.length);
    expectAllowed(`SELECT 1${padding}`);
    expectRefused(`SELECT 1${padding} `, ['characters long']);
  });

  it('gives the same verdict for the same policy object every time', () => {
    const policy = { relations: ['stores'] };
    expect(checkModelSql('SELECT * FROM stores', policy)).toEqual(checkModelSql('SELECT * FROM stores', policy));
  });
});
