import type { FuncCall } from 'libpg-query';
import { ALLOWED_FUNCTIONS } from './functionAllowlist.js';
import { displayName, stringList } from './names.js';
import { refuse } from './refusal.js';

/**
 * A call must name an allowed function, unqualified or qualified with the schema
 * it lives in. Names are compared exactly as the parser folded them: `PG_SLEEP`
 * arrives as pg_sleep, `"PG_SLEEP"` stays upper case and matches nothing.
 * Returns the name as written, for the verdict.
 */
export function checkFunctionCall(call: FuncCall, location: number): string {
  const names = stringList(call.funcname);
  if (names === undefined || names.length === 0) refuse('a function call with an unreadable name is not allowed', location);
  const shown = displayName(names);
  if (names.length > 2) refuse(`function ${shown} is not allowed: a function name has at most a schema and a name`, location);
  const name = names[names.length - 1] ?? '';
  const schema = names.length === 2 ? names[0] : undefined;
  const rule = ALLOWED_FUNCTIONS.get(name);
  if (rule === undefined) refuse(`function ${shown} is not allowed`, location);
  if (schema !== undefined && !(rule.homes as ReadonlySet<string>).has(schema)) {
    refuse(`function ${shown} is not allowed: ${name} is allowed only from schema ${[...rule.homes].join(' or ')}`, location);
  }
  const problem = rule.checkCall?.(call, shown);
  if (problem !== undefined) refuse(problem, location);
  return shown;
}
