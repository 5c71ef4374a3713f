import { isDangerousFunctionName } from './dangerousFunctions.js';
import { ALLOWED_FUNCTIONS } from './functionAllowlist.js';
import type { ResolvedPolicy } from './policy.js';
import { refuse } from './refusal.js';
import { isAllowedInternalTypeName } from './typeAllowlist.js';

/**
 * Pure functions whose names are common column aliases (`t.name`, `tree.path`);
 * calling them through attribute notation can do no harm. Most are also types
 * whose input function only parses a value (geometry, `name`): reached as casts
 * they compute and read nothing, so they pass the type rule too.
 */
const HARMLESS_FIELD_NAMES: ReadonlySet<string> = new Set([
  'name', 'path', 'point', 'box', 'circle', 'line', 'lseg', 'polygon', 'area', 'center', 'width', 'height', 'diameter',
  'radius', 'host', 'network', 'family', 'masklen', 'netmask', 'isclosed', 'isopen', 'npoints',
]);

/**
 * PostgreSQL reads `x.f` (and `(x).f`) as the call `f(x)` when x has no column f,
 * and as the cast `x::f` when no such function exists either: "attribute
 * notation". A qualified name whose later part could be either must pass the
 * rules of the form it stands for. Refused: dangerous function names always; a
 * type that is not an allowed type (reg*, xml, arrays of them, row types), even
 * where a policy declares a column of that name; a function of the catalog that is
 * not allowed, unless it is a known column. Functions with argument rules
 * (current_setting, lpad...) are refused here as well, since their single
 * argument is not a literal.
 */
export function checkAttributeName(name: string, policy: ResolvedPolicy, location: number): void {
  const asCall = `${name} is not allowed here: x.${name} would call function ${name}(x) (attribute notation)`;
  if (isDangerousFunctionName(name)) refuse(asCall, location);
  if (isReachableType(name, policy) && !isAllowedInternalTypeName(name) && !HARMLESS_FIELD_NAMES.has(name)) {
    refuse(`${name} is not allowed here: x.${name} would convert x to type ${name} (attribute notation)`, location);
  }
  const rule = ALLOWED_FUNCTIONS.get(name);
  if (rule !== undefined) {
    if (rule.checkCall !== undefined) refuse(asCall, location);
    return;
  }
  if (policy.columnNames.has(name) || HARMLESS_FIELD_NAMES.has(name)) return;
  if (policy.catalogFunctionNames.has(name)) refuse(asCall, location);
}

/** Types an unqualified name finds on a store session's search path: the catalog's, public's, and retail row types. */
function isReachableType(name: string, policy: ResolvedPolicy): boolean {
  const element = name.startsWith('_') ? name.slice(1) : name;
  return policy.catalogTypeNames.has(name) || policy.relations.has(element) || policy.catalogTypeNames.has(element);
}

/**
 * A bare column name is never a call in PostgreSQL; a dangerous function's name
 * there still has no business in an analytic query, and refusing it costs nothing.
 */
export function checkBareColumnName(name: string, location: number): void {
  if (isDangerousFunctionName(name)) refuse(`${name} is not allowed: it is the name of a forbidden function`, location);
}
