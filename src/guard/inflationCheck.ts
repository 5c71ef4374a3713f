import type { FuncCall, Node } from 'libpg-query';
import { stringList } from './names.js';
import { refuse } from './refusal.js';

/**
 * How many times larger than its input a value may grow through the calls that
 * surround it. One replace with a 100-character replacement uses a hundred; two
 * nested ones would use ten thousand and are refused. PGlite's WebAssembly memory
 * never shrinks, so a value grown to a gigabyte costs the server for good.
 */
export const MAX_INFLATION = 1000;

/** Longest literal replacement text replace and regexp_replace accept. */
export const MAX_REPLACEMENT_LENGTH = 100;

/**
 * How much a call can grow its arguments: a bound computed from its literal
 * arguments, or MAX_INFLATION when no literal bounds it (it may then stand alone
 * but nothing that grows values may sit around it or inside it).
 */
type GrowthRule = (call: FuncCall, name: string) => number;

const constant =
  (factor: number): GrowthRule =>
  () =>
    factor;

/** replace(s, from, to): each match of `from` becomes `to`, which must be a short literal. */
const replaceGrowth: GrowthRule = (call, name) => {
  const to = literalReplacement(call, name);
  const from = stringLiteral(call.args?.[1]);
  if (from === '') return 1;
  return Math.max(1, Math.ceil(to.length / Math.max(1, from?.length ?? 1)));
};

/** regexp_replace(s, pattern, to, ...): a match as short as one character becomes `to`; each backreference copies a match. */
const regexpReplaceGrowth: GrowthRule = (call, name) => Math.max(1, literalReplacement(call, name).length);

/**
 * string_agg(value, delimiter) and array_to_string(array, separator[, null_text]):
 * each element gains the separators. A computed separator has no bound: the call
 * may stand alone, with nothing that grows values around it or inside it.
 */
const separatorGrowth: GrowthRule = (call, name) => {
  const separators = (call.args ?? []).slice(1).map(stringLiteral);
  if (separators.some((text) => text === undefined)) return MAX_INFLATION;
  const length = separators.reduce((sum, text) => sum + (text?.length ?? 0), 0);
  if (length > MAX_REPLACEMENT_LENGTH) refuse(`function ${name} is only allowed with separators of at most ${MAX_REPLACEMENT_LENGTH} characters`, call.location ?? 0);
  return 1 + length;
};

/**
 * Calls whose result can be many times larger than their input. Escaping grows a
 * value by a small constant (JSON's \u0001 is six characters for one), so only a
 * chain of them multiplies; lpad, rpad and format produce at most their literal
 * width (functionArguments.ts) and grow nothing further.
 */
const GROWTH_RULES: ReadonlyMap<string, GrowthRule> = new Map([
  ['replace', replaceGrowth],
  ['regexp_replace', regexpReplaceGrowth],
  ['string_agg', separatorGrowth],
  ['array_to_string', separatorGrowth],
  ['encode', constant(4)],
  ['quote_literal', constant(2)],
  ['quote_nullable', constant(2)],
  ['quote_ident', constant(2)],
  ['to_json', constant(6)],
  ['to_jsonb', constant(6)],
  ['array_to_json', constant(6)],
  ['row_to_json', constant(6)],
]);

/** Names of the calls the inflation rule counts, for messages and tests. */
export const GROWING_FUNCTIONS: readonly string[] = [...GROWTH_RULES.keys()];

/**
 * Refuses an expression whose nested calls could grow a value more than
 * MAX_INFLATION times: the literal limits of each call cannot see what the calls
 * around it do (replace(replace(lpad(...), 'x', lpad(...)), ...) took a server from
 * 378 MB to 1.4 GB). Only a call's arguments flow into its result; its ORDER BY,
 * FILTER and window are checked with the growth of what surrounds the call.
 * Growth through columns of subqueries and CTEs is not visible here: the engine's
 * memory cap and recycling handle that (see src/db/pglite).
 */
export function checkInflation(tree: unknown, location: number): void {
  visit(tree, 1, [], location);
}

function visit(value: unknown, growth: number, growers: readonly string[], location: number): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) visit(item, growth, growers, location);
    return;
  }
  const body = value as Record<string, unknown>;
  const here = typeof body.location === 'number' && body.location >= 0 ? body.location : location;
  const call = (body as { FuncCall?: FuncCall }).FuncCall;
  if (call !== undefined) {
    visitCall(call, growth, growers, here);
    return;
  }
  for (const inner of Object.values(body)) visit(inner, growth, growers, here);
}

function visitCall(call: FuncCall, growth: number, growers: readonly string[], location: number): void {
  const where = typeof call.location === 'number' && call.location >= 0 ? call.location : location;
  const names = stringList(call.funcname) ?? [];
  const name = names[names.length - 1] ?? '';
  const rule = GROWTH_RULES.get(name);
  let inner = growth;
  let innerGrowers = growers;
  if (rule !== undefined) {
    if ((call.args ?? []).some((arg) => 'NamedArgExpr' in arg)) refuse(`function ${name} does not take named arguments here`, where);
    inner = growth * rule(call, name);
    innerGrowers = [...growers, name];
    if (inner > MAX_INFLATION) refuse(tooMuchGrowth(innerGrowers), where);
  }
  for (const [key, field] of Object.entries(call)) {
    if (key === 'funcname') continue;
    if (key === 'args') visit(field, inner, innerGrowers, where);
    else visit(field, growth, growers, where);
  }
}

function tooMuchGrowth(growers: readonly string[]): string {
  return `${[...growers].reverse().join(' inside ')} could make a value more than ${MAX_INFLATION} times larger than its input; nest fewer of ${GROWING_FUNCTIONS.join(', ')}`;
}

/** The replacement argument (the third) of replace and regexp_replace: a string literal of bounded length. */
function literalReplacement(call: FuncCall, name: string): string {
  const text = stringLiteral(call.args?.[2]);
  if (text === undefined) refuse(`function ${name} is only allowed with a literal replacement text (a computed one can grow a value without bound)`, call.location ?? 0);
  if (text.length > MAX_REPLACEMENT_LENGTH) {
    refuse(`function ${name} is only allowed with a replacement text of at most ${MAX_REPLACEMENT_LENGTH} characters`, call.location ?? 0);
  }
  return text;
}

/** The text of a string literal argument, also through a cast of one ('x'::text); undefined for anything else. */
function stringLiteral(node: Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  // The parser leaves sval out of an empty string's JSON: { A_Const: { sval: {} } }.
  if ('A_Const' in node) return node.A_Const.sval === undefined ? undefined : (node.A_Const.sval.sval ?? '');
  if ('TypeCast' in node) return stringLiteral(node.TypeCast.arg);
  return undefined;
}
