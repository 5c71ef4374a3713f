import type { TypeName } from 'libpg-query';
import { displayName, stringList } from './names.js';
import { refuse } from './refusal.js';
import { ALLOWED_TYPES } from './typeAllowlist.js';

/** A type named in a cast, a column definition list or RETURNING must be an allowed value type. */
export function checkTypeName(type: TypeName, location: number): void {
  const names = stringList(type.names);
  if (names === undefined || names.length === 0) refuse('a type with an unreadable name is not allowed', location);
  const shown = displayName(names);
  if (type.pct_type || type.setof) refuse(`type ${shown} with %TYPE or SETOF is not allowed`, location);
  const name = names[names.length - 1] ?? '';
  const home = ALLOWED_TYPES.get(name);
  if (names.length > 2 || home === undefined) refuse(`type ${shown} is not allowed`, location);
  if (names.length === 2 && names[0] !== home) refuse(`type ${shown} is not allowed: ${name} lives in schema ${home}`, location);
}
