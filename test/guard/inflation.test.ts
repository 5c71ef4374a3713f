import { describe, expect, it } from 'vitest';
import { MAX_INFLATION, MAX_REPLACEMENT_LENGTH } from '../../src/guard/inflationCheck.js';
import { expectAllowed, expectRefused } from './guardAssertions.js';

const LONG = 'x'.repeat(MAX_REPLACEMENT_LENGTH);

/*
 * Values grown by calls nested in calls: each call's literal limit holds, but the
 * product does not. The first payload took a long-lived server from 378 MB to 1.4 GB.
 */
describe('calls that grow values', () => {
  it('refuses the outside review payload: replace with a computed replacement inside replace', () => {
    expectRefused("select replace(replace(lpad('', 1000, 'x'), 'x', lpad('', 1000, 'x')), 'x', lpad('', 100, 'x'))", ['replace', 'literal replacement']);
    expectRefused("select ('x' || replace(replace(lpad('',1000,'x'),'x',lpad('',1000,'x')),'x',lpad('',5,'x')))::int", ['literal replacement']);
  });

  it('refuses a computed replacement text in replace and regexp_replace', () => {
    expectRefused("SELECT replace(email, '@', email) FROM customers", ['replace', 'literal replacement']);
    expectRefused("SELECT regexp_replace(email, '.', first_name, 'g') FROM customers", ['regexp_replace', 'literal replacement']);
    expectRefused("SELECT replace(email, '@', 'a' || 'b') FROM customers", ['literal replacement']);
  });

  it('refuses a replacement text longer than the limit', () => {
    expectRefused(`SELECT replace(email, '@', '${LONG}y') FROM customers`, [`at most ${MAX_REPLACEMENT_LENGTH} characters`]);
    expectAllowed(`SELECT replace(email, '@', '${LONG}') FROM customers`);
  });

  it(`refuses literal replacements whose product passes ${MAX_INFLATION}`, () => {
    const verdict = expectRefused(`SELECT replace(replace(lpad('', 1000, 'x'), 'x', '${LONG}'), 'x', '${LONG}')`, ['replace inside replace', `${MAX_INFLATION} times`]);
    // Refused where the limit is passed: the inner replace.
    expect(verdict.position).toBe(16);
    expectRefused(`SELECT regexp_replace(replace(email, 'a', '${'y'.repeat(40)}'), '.', '${'z'.repeat(40)}', 'g') FROM customers`, ['replace inside regexp_replace']);
  });

  it('refuses chains of escaping and encoding calls', () => {
    expectRefused('SELECT quote_literal(quote_literal(quote_literal(quote_literal(quote_literal(quote_literal(quote_literal(quote_literal(quote_literal(quote_literal(email)))))))))) FROM customers', ['quote_literal inside quote_literal']);
    expectRefused("SELECT encode(convert_to(encode(convert_to(encode(convert_to(encode(convert_to(encode(convert_to(email, 'UTF8'), 'hex'), 'UTF8'), 'hex'), 'UTF8'), 'hex'), 'UTF8'), 'hex'), 'UTF8'), 'hex') FROM customers", ['encode inside encode']);
    expectRefused('SELECT to_json(to_json(to_json(to_json(email)::text)::text)::text) FROM customers', ['to_json inside to_json']);
  });

  it('refuses growth through a scalar subquery, a cast and string_agg', () => {
    expectRefused(`SELECT replace((SELECT string_agg(email, '${'-'.repeat(50)}') FROM customers), '@', '${'y'.repeat(50)}')`, ['string_agg inside replace']);
    expectRefused(`SELECT string_agg(to_json(replace(email, '@', '${LONG}'))::text, ', ') FROM customers`, ['replace inside to_json inside string_agg']);
  });

  it('lets a call with a computed separator stand alone, and nothing that grows values around or inside it', () => {
    expectAllowed('SELECT string_agg(email, first_name) FROM customers');
    expectRefused("SELECT replace(string_agg(email, first_name), 'a', 'bb') FROM customers", ['string_agg inside replace']);
    expectRefused("SELECT string_agg(quote_literal(email), first_name) FROM customers", ['quote_literal inside string_agg']);
  });

  it('refuses separators longer than the limit', () => {
    expectRefused(`SELECT string_agg(email, '${LONG}!') FROM customers`, ['separators of at most']);
    expectRefused(`SELECT array_to_string(ARRAY['a', NULL], ',', '${LONG}')`, ['separators of at most']);
  });

  it('allows what analysts write: cleaning with nested replace, aggregating lists, JSON and hashes', () => {
    expectAllowed("SELECT replace(replace(replace(phone, '(', ''), ')', ''), '-', ' ') FROM customers");
    expectAllowed("SELECT regexp_replace(phone, '(\\d{3})(\\d{3})', '\\1-\\2') FROM customers");
    expectAllowed("SELECT array_to_string(array_agg(email ORDER BY email), ', '), string_agg(DISTINCT loyalty_tier, ', ' ORDER BY loyalty_tier) FROM customers");
    expectAllowed("SELECT to_jsonb(array_agg(email)), row_to_json(c), encode(sha256(convert_to(email, 'UTF8')), 'hex') FROM customers c GROUP BY c.*");
    expectAllowed("SELECT quote_literal(to_json(email)::text), replace(email, '', 'anything') FROM customers");
    expectAllowed("SELECT replace(lpad('', 1000, 'x'), 'x', 'yy'), lpad(lpad(email, 10), 1000)");
  });

  it('counts only what flows into the result: ORDER BY and FILTER of an aggregate keep the outer growth', () => {
    expectAllowed(`SELECT replace(string_agg(email, ',' ORDER BY replace(email, 'a', '${LONG}')), 'b', 'cc') FROM customers`);
  });

  it('refuses named arguments to calls that grow values, which it could not read', () => {
    expectRefused("SELECT encode(data => convert_to('x', 'UTF8'), format => 'hex')", ['named arguments']);
  });
});
