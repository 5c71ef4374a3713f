import type { FuncCall, RangeVar, TypeName } from 'libpg-query';
import { checkAttributeName, checkBareColumnName } from './attributeCheck.js';
import { CteScope } from './cteScope.js';
import { checkFunctionCall } from './functionCheck.js';
import { displayName, stringList, stringValue } from './names.js';
import { ALLOWED_NODE_TYPES, INLINE_FIELDS } from './nodeShapes.js';
import { checkOperatorName } from './operatorCheck.js';
import type { ResolvedPolicy } from './policy.js';
import { refuse } from './refusal.js';
import { checkCteName, checkRelation } from './relationCheck.js';
import { RETAIL_SCHEMA } from './retailRelations.js';
import { describeRefusedNode } from './statementKinds.js';
import { checkTypeName } from './typeCheck.js';

type Body = Record<string, unknown>;

/** Deeper than any analytic query; keeps the recursion far from the stack limit. */
export const MAX_TREE_DEPTH = 1000;

/** TABLESAMPLE methods are handler functions; only the two built-in ones. */
const SAMPLE_METHODS: ReadonlySet<string> = new Set(['bernoulli', 'system']);

/** The only ColumnDef fields a column definition list (`AS t(a int)`) produces. */
const COLUMN_DEFINITION_FIELDS: ReadonlySet<string> = new Set(['colname', 'typeName', 'collClause', 'is_local', 'inhcount', 'location']);

export interface WalkFindings {
  functions: string[];
  relations: string[];
}

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ "FuncCall": { ... } }`: one key naming a node type (field names never start upper case). */
function wrappedType(value: Body): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys as [string];
  return /^[A-Z]/.test(key) && isObject(value[key]) ? key : undefined;
}

/**
 * Visits every node of a statement's parse tree: every object and array of the
 * JSON, not a list of known positions, so a clause nobody thought of is still
 * seen. Node types off the allowlist are refused by name; the types that name
 * something (functions, relations, types, operators, qualified names) are checked.
 */
export class QueryWalker {
  private readonly functions = new Set<string>();
  private readonly relations = new Set<string>();

  constructor(private readonly policy: ResolvedPolicy) {}

  /** Walks one top-level SELECT (already known to be a SelectStmt). */
  walkSelectStatement(body: unknown, location: number): WalkFindings {
    this.walkNode('SelectStmt', body, 'RawStmt', 'stmt', CteScope.EMPTY, location, 0);
    return { functions: [...this.functions], relations: [...this.relations] };
  }

  private walkValue(parent: string, field: string, value: unknown, scope: CteScope, location: number, depth: number): void {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (Array.isArray(item) || (isObject(item) && Object.keys(item).length > 0 && wrappedType(item) === undefined)) {
          refuse(`unsupported syntax: unexpected list element in ${parent}.${field}`, location);
        }
        this.walkValue(parent, field, item, scope, location, depth);
      }
      return;
    }
    const object = value as Body;
    // An empty object is a NIL node or a struct with every field at its default: nothing to check.
    if (Object.keys(object).length === 0) return;
    const type = wrappedType(object);
    if (type !== undefined) {
      this.walkNode(type, object[type], parent, field, scope, location, depth + 1);
      return;
    }
    const inlineType = INLINE_FIELDS.get(parent)?.get(field);
    if (inlineType === undefined) refuse(`unsupported syntax: ${parent}.${field} is not understood by the guard`, location);
    this.walkNode(inlineType, object, parent, field, scope, location, depth + 1);
  }

  private walkNode(type: string, body: unknown, parent: string, field: string, scope: CteScope, location: number, depth: number): void {
    if (depth > MAX_TREE_DEPTH) refuse('the query is nested too deeply', location);
    if (!isObject(body)) refuse(`unsupported syntax: ${type} could not be read`, location);
    if (!ALLOWED_NODE_TYPES.has(type)) refuse(describeRefusedNode(type, body, parent, field), location);
    const here = typeof body.location === 'number' && body.location >= 0 ? body.location : location;
    this.checkNode(type, body, scope, here);
    const inner = type === 'SelectStmt' ? this.walkWithClause(body.withClause, scope, here, depth) : scope;
    for (const [key, value] of Object.entries(body)) {
      if (type === 'SelectStmt' && key === 'withClause') continue;
      this.walkValue(type, key, value, inner, here, depth);
    }
  }

  /**
   * WITH: each CTE body is walked with the names it can see (earlier siblings, or
   * all of them under RECURSIVE); the rest of the SELECT, including both sides
   * of a UNION, sees them all. Returns the scope for the rest of the SELECT.
   */
  private walkWithClause(withClause: unknown, scope: CteScope, location: number, depth: number): CteScope {
    if (withClause === undefined) return scope;
    if (!isObject(withClause) || !Array.isArray(withClause.ctes)) refuse('unsupported syntax: WITH could not be read', location);
    for (const key of Object.keys(withClause)) {
      if (key !== 'ctes' && key !== 'recursive' && key !== 'location') refuse(`unsupported syntax: WithClause.${key}`, location);
    }
    const ctes = withClause.ctes.map((entry: unknown) => {
      const body = isObject(entry) && wrappedType(entry) === 'CommonTableExpr' ? entry.CommonTableExpr : undefined;
      if (!isObject(body) || typeof body.ctename !== 'string') refuse('unsupported syntax: a WITH query could not be read', location);
      return body;
    });
    const names = ctes.map((cte) => cte.ctename as string);
    ctes.forEach((cte, index) => {
      const visible = withClause.recursive === true ? names : names.slice(0, index);
      this.walkNode('CommonTableExpr', cte, 'WithClause', 'ctes', scope.with(visible), location, depth + 1);
    });
    return scope.with(names);
  }

  private checkNode(type: string, body: Body, scope: CteScope, location: number): void {
    switch (type) {
      case 'FuncCall':
        this.functions.add(checkFunctionCall(body as FuncCall, location));
        return;
      case 'RangeVar': {
        const relation = checkRelation(body as RangeVar, scope, this.policy, location);
        if (relation !== undefined) this.relations.add(relation);
        return;
      }
      case 'TypeName':
        checkTypeName(body as TypeName, location);
        return;
      case 'ColumnRef':
        this.checkColumnRef(body, location);
        return;
      case 'A_Indirection':
        for (const item of Array.isArray(body.indirection) ? body.indirection : []) {
          const name = stringValue(item);
          if (name !== undefined) checkAttributeName(name, this.policy, location);
        }
        return;
      case 'A_Expr':
        checkOperatorName(body.name, location);
        return;
      case 'SortBy':
        if (body.useOp !== undefined) checkOperatorName(body.useOp, location);
        return;
      case 'SubLink':
        if (body.operName !== undefined) checkOperatorName(body.operName, location);
        return;
      case 'CommonTableExpr':
        checkCteName(String(body.ctename), location);
        return;
      case 'RangeTableSample': {
        const method = stringList(body.method);
        if (method?.length !== 1 || !SAMPLE_METHODS.has(method[0] ?? '')) {
          refuse(`TABLESAMPLE ${method ? displayName(method) : '(unreadable)'} is not allowed: use BERNOULLI or SYSTEM`, location);
        }
        return;
      }
      case 'CollateClause': {
        const collation = stringList(body.collname);
        if (collation === undefined || collation.length === 0 || collation.length > 2 || (collation.length === 2 && collation[0] !== 'pg_catalog')) {
          refuse(`collation ${collation ? displayName(collation) : '(unreadable)'} is not allowed: use a collation of pg_catalog`, location);
        }
        return;
      }
      case 'ColumnDef':
        for (const key of Object.keys(body)) {
          if (!COLUMN_DEFINITION_FIELDS.has(key)) refuse(`unsupported syntax: a column definition with ${key}`, location);
        }
        return;
      case 'ResTarget':
        // Only INSERT and UPDATE targets carry indirection; in a SELECT it is a parse surprise.
        if (body.indirection !== undefined) refuse('unsupported syntax: an output column with indirection', location);
        return;
    }
  }

  private checkColumnRef(body: Body, location: number): void {
    const fields = body.fields;
    if (!Array.isArray(fields) || fields.length === 0) refuse('unsupported syntax: a column reference could not be read', location);
    fields.forEach((item: unknown, index: number) => {
      const name = stringValue(item);
      if (name === undefined) {
        if (!(isObject(item) && wrappedType(item) === 'A_Star')) refuse('unsupported syntax: a column reference could not be read', location);
        return;
      }
      if (fields.length === 1) checkBareColumnName(name, location);
      else if (index > 0 && !this.isRelationOfRetail(fields, index)) checkAttributeName(name, this.policy, location);
    });
  }

  /** `retail.customers.email`: the middle name is the relation of a schema-qualified column, not a field. */
  private isRelationOfRetail(fields: unknown[], index: number): boolean {
    const name = stringValue(fields[index]);
    return index === 1 && fields.length > 2 && stringValue(fields[0]) === RETAIL_SCHEMA && name !== undefined && this.policy.relations.has(name);
  }
}
