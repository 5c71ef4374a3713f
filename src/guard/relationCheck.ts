import type { RangeVar } from 'libpg-query';
import type { CteScope } from './cteScope.js';
import { displayName } from './names.js';
import type { ResolvedPolicy } from './policy.js';
import { refuse } from './refusal.js';
import { RETAIL_SCHEMA } from './retailRelations.js';

/**
 * A relation is a CTE in scope (unqualified only, as in PostgreSQL) or an allowed
 * relation of schema retail. The server puts pg_catalog first on the search path,
 * which is why the policy may not allow names starting with pg_ (see policy.ts).
 * Returns the qualified relation read, or undefined for a CTE.
 */
export function checkRelation(relation: RangeVar, scope: CteScope, policy: ResolvedPolicy, location: number): string | undefined {
  const name = relation.relname ?? '';
  const schema = relation.schemaname;
  const shown = displayName([relation.catalogname, schema, name].filter((part): part is string => part !== undefined));
  if (relation.catalogname !== undefined) refuse(`relation ${shown} is not allowed: cross-database references are not`, location);
  if (schema === undefined && scope.has(name)) return undefined;
  if (schema !== undefined && schema !== RETAIL_SCHEMA) refuse(`schema ${displayName([schema])} is not allowed (relation ${shown})`, location);
  if (!policy.relations.has(name)) {
    refuse(`relation ${shown} is not allowed: only ${[...policy.relations].map((r) => `${RETAIL_SCHEMA}.${r}`).join(', ')} can be read`, location);
  }
  return `${RETAIL_SCHEMA}.${name}`;
}

/** A WITH query may not look like a system catalog: a scoping mistake would then read the real one. */
export function checkCteName(name: string, location: number): void {
  if (name.startsWith('pg_')) refuse(`WITH query name ${displayName([name])} is not allowed: names starting with pg_ are the system catalog's`, location);
}
