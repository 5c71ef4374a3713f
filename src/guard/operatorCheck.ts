import { stringList } from './names.js';
import { refuse } from './refusal.js';

/** Schemas whose operators a model may name explicitly: the built-ins and the extensions'. */
const OPERATOR_SCHEMAS: ReadonlySet<string> = new Set(['pg_catalog', 'public']);

/**
 * Unqualified operators resolve through pg_catalog first and can only reach
 * operators of the built-ins and extensions. OPERATOR(schema.op) is allowed only
 * for those schemas, so no operator of another schema (and its function) runs.
 */
export function checkOperatorName(value: unknown, location: number): void {
  const names = stringList(value);
  if (names === undefined || names.length === 0) refuse('an operator with an unreadable name is not allowed', location);
  if (names.length === 1) return;
  const schema = names[0] ?? '';
  if (names.length > 2 || !OPERATOR_SCHEMAS.has(schema)) {
    refuse(`operator OPERATOR(${names.join('.')}) is not allowed: only operators of pg_catalog and public may be qualified`, location);
  }
}
