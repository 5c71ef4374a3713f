/** What the guard decided about one SQL text. A value, never an exception. */
export type GuardVerdict = AllowedVerdict | RefusedVerdict;

export interface AllowedVerdict {
  allowed: true;
  /** `select`: read through declareResultCursor. `explain`: run statementText as it is. */
  kind: 'select' | 'explain';
  /**
   * The statement exactly as written (a substring of the input), from its first
   * token to its last: no leading or trailing comments, no semicolon.
   */
  statementText: string;
  /** 1-based character position of statementText in the input. */
  statementPosition: number;
  /** Functions the statement calls, as written (`date_trunc`, `retail.current_store_ids`), first use first. */
  functions: string[];
  /** Tables it reads, schema-qualified (`retail.products`); CTE names are not relations. */
  relations: string[];
}

export interface RefusedVerdict {
  allowed: false;
  /** One sentence naming the problem, safe to show the model. */
  reason: string;
  /** 1-based character position in the input, when the problem has one. */
  position?: number;
}

/**
 * What may be read. Every field is optional; the defaults are the retail schema
 * of this project and the function names of its PGlite catalog.
 */
export interface GuardPolicy {
  /** Relation names of schema `retail` the model may read. */
  readonly relations?: Iterable<string>;
  /**
   * Column names of those relations. A qualified name whose last part is a known
   * column is never taken for a call in attribute notation (`t.f` meaning `f(t)`).
   */
  readonly columnNames?: Iterable<string>;
  /**
   * Every function name of the live catalog (pg_proc.proname), e.g. from
   * readCatalogFunctionNames(). Widens what attribute notation is checked against.
   */
  readonly catalogFunctionNames?: Iterable<string>;
  /**
   * Every type name of the live catalog a store session's search path reaches
   * (pg_type.typname). Widens the types attribute notation is checked against.
   */
  readonly catalogTypeNames?: Iterable<string>;
  /** Longest SQL text accepted, in characters. */
  readonly maxSqlLength?: number;
}
