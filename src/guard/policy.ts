import { ZavaError } from '../errors.js';
import { CATALOG_TYPE_NAMES } from './catalogTypeNames.js';
import { ONE_ARGUMENT_FUNCTION_NAMES } from './oneArgumentFunctionNames.js';
import { RETAIL_RELATION_COLUMNS } from './retailRelations.js';
import type { GuardPolicy } from './verdict.js';

/** A policy with its defaults filled in and its lists turned into sets. */
export interface ResolvedPolicy {
  readonly relations: ReadonlySet<string>;
  readonly columnNames: ReadonlySet<string>;
  /** Names attribute notation could call: the built-in list plus the injected catalog. */
  readonly catalogFunctionNames: ReadonlySet<string>;
  /** Types attribute notation could cast to: the built-in list plus the injected catalog. */
  readonly catalogTypeNames: ReadonlySet<string>;
  readonly maxSqlLength: number;
}

/** Longer than any analytic query a model writes; parse time and memory stay small. */
export const DEFAULT_MAX_SQL_LENGTH = 100_000;

const DEFAULT_RELATIONS = [...RETAIL_RELATION_COLUMNS.keys()];
const DEFAULT_COLUMNS = [...RETAIL_RELATION_COLUMNS.values()].flat();

const resolvedPolicies = new WeakMap<GuardPolicy, ResolvedPolicy>();
const DEFAULT_POLICY: ResolvedPolicy = build({});

export function resolvePolicy(policy: GuardPolicy | undefined): ResolvedPolicy {
  if (policy === undefined) return DEFAULT_POLICY;
  let resolved = resolvedPolicies.get(policy);
  if (!resolved) {
    resolved = build(policy);
    resolvedPolicies.set(policy, resolved);
  }
  return resolved;
}

function build(policy: GuardPolicy): ResolvedPolicy {
  const relations = new Set(policy.relations ?? DEFAULT_RELATIONS);
  for (const name of relations) {
    // An unqualified name is looked up in pg_catalog before retail, so a retail
    // relation called pg_something would in fact read the system catalog.
    if (!/^[a-z_][a-z0-9_]*$/.test(name) || name.startsWith('pg_')) {
      throw new ZavaError('config_invalid', `the SQL guard cannot allow relation "${name}": use a lower-case name that does not start with pg_`);
    }
  }
  const maxSqlLength = policy.maxSqlLength ?? DEFAULT_MAX_SQL_LENGTH;
  if (!Number.isInteger(maxSqlLength) || maxSqlLength < 1) {
    throw new ZavaError('config_invalid', `the SQL guard's maxSqlLength must be a positive integer, not ${String(maxSqlLength)}`);
  }
  return {
    relations,
    columnNames: new Set(policy.columnNames ?? DEFAULT_COLUMNS),
    catalogFunctionNames: new Set([...ONE_ARGUMENT_FUNCTION_NAMES, ...(policy.catalogFunctionNames ?? [])]),
    catalogTypeNames: new Set([...CATALOG_TYPE_NAMES, ...(policy.catalogTypeNames ?? [])]),
    maxSqlLength,
  };
}
