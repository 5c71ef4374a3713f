import { isDangerousFunctionName } from './dangerousFunctions.js';
import { ALLOWED_FUNCTIONS } from './functionAllowlist.js';
import type { ResolvedPolicy } from './policy.js';
import { refuse } from './refusal.js';

/**
 * Pure functions whose names are common column aliases (`t.name`, `tree.path`);
 * calling them through attribute notation can do no harm.
 */
const HARMLESS_FIELD_NAMES: ReadonlySet<string> = new Set([
  'name', 'path', 'point', 'box', 'circle', 'line', 'lseg', 'polygon', 'area', 'center', 'width', 'height', 'diameter',
  'radius', 'host', 'network', 'family', 'masklen', 'netmask', 'isclosed', 'isopen', 'npoints',
]);

/**
 * PostgreSQL reads `x.f` (and `(x).f`) as the call `f(x)` when x has no column f:
 * "attribute notation". A qualified name whose later part could be such a call
 * must therefore pass the function rules too. Refused: dangerous names always,
 * and any function of the catalog that is not allowed, unless it is a known
 * column. Functions with argument rules (current_setting, lpad...) are refused
 * here as well, since their single argument is not a literal.
 */
export function checkAttributeName(name: string, policy: ResolvedPolicy, location: number): void {
  const reason = `${name} is not allowed here: x.${name} would call function ${name}(x) (attribute notation)`;
  if (isDangerousFunctionName(name)) refuse(reason, location);
  const rule = ALLOWED_FUNCTIONS.get(name);
  if (rule !== undefined) {
    if (rule.checkCall !== undefined) refuse(reason, location);
    return;
  }
  if (policy.columnNames.has(name) || HARMLESS_FIELD_NAMES.has(name)) return;
  if (policy.catalogFunctionNames.has(name)) refuse(reason, location);
}

/**
 * A bare column name is never a call in PostgreSQL; a dangerous function's name
 * there still has no business in an analytic query, and refusing it costs nothing.
 */
export function checkBareColumnName(name: string, location: number): void {
  if (isDangerousFunctionName(name)) refuse(`${name} is not allowed: it is the name of a forbidden function`, location);
}
