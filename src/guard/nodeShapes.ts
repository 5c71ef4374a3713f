/**
 * What a parse tree of an allowed query may contain. libpg-query's JSON wraps a
 * node as `{ "TypeName": { ...fields } }` where the C field has type Node, but
 * writes a field whose C type is a specific struct (FuncCall.over is a WindowDef)
 * without the wrapper. The walker needs that struct's type to check it, so every
 * such field of an allowed node is listed here; a field missing from this table
 * makes the walker refuse the query instead of guessing.
 * test/guard/nodeShapes.test.ts checks this table against @pgsql/types.
 */

/** Node types an allowed SELECT may contain. Anything else is refused by name. */
export const ALLOWED_NODE_TYPES: ReadonlySet<string> = new Set([
  'SelectStmt', 'ResTarget', 'ColumnRef', 'A_Star', 'A_Const', 'A_Expr', 'A_Indirection', 'A_Indices', 'A_ArrayExpr',
  'TypeCast', 'TypeName', 'CollateClause', 'FuncCall', 'NamedArgExpr', 'WindowDef', 'SortBy', 'RangeVar',
  'RangeSubselect', 'RangeFunction', 'RangeTableSample', 'JoinExpr', 'Alias', 'CommonTableExpr', 'CTESearchClause',
  'CTECycleClause', 'SubLink', 'BoolExpr', 'NullTest', 'BooleanTest', 'CaseExpr', 'CaseWhen', 'CoalesceExpr',
  'MinMaxExpr', 'RowExpr', 'SQLValueFunction', 'GroupingSet', 'GroupingFunc', 'ColumnDef', 'List', 'String',
  'Integer', 'Float', 'Boolean', 'BitString', 'JsonTable', 'JsonTableColumn', 'JsonTablePathSpec', 'JsonValueExpr',
  'JsonFormat', 'JsonBehavior', 'JsonFuncExpr', 'JsonOutput', 'JsonReturning', 'JsonArgument',
  'JsonObjectConstructor', 'JsonArrayConstructor', 'JsonArrayQueryConstructor', 'JsonAggConstructor', 'JsonObjectAgg',
  'JsonArrayAgg', 'JsonKeyValue', 'JsonParseExpr', 'JsonScalarExpr', 'JsonSerializeExpr', 'JsonIsPredicate',
]);

/**
 * Fields the walker handles itself instead of recursing into generically:
 * SelectStmt.withClause, because CTE names are scoped (see cteScope.ts).
 */
export const SCOPED_FIELDS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['SelectStmt', new Map([['withClause', 'WithClause']])],
]);

/** `Parent.field` → struct type, for fields written without a wrapper. */
export const INLINE_FIELDS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(
  Object.entries({
    SelectStmt: { intoClause: 'IntoClause', larg: 'SelectStmt', rarg: 'SelectStmt' },
    A_Const: { ival: 'Integer', fval: 'Float', boolval: 'Boolean', sval: 'String', bsval: 'BitString' },
    TypeCast: { typeName: 'TypeName' },
    FuncCall: { over: 'WindowDef' },
    RangeVar: { alias: 'Alias' },
    RangeSubselect: { alias: 'Alias' },
    RangeFunction: { alias: 'Alias' },
    JoinExpr: { join_using_alias: 'Alias', alias: 'Alias' },
    CommonTableExpr: { search_clause: 'CTESearchClause', cycle_clause: 'CTECycleClause' },
    ColumnDef: { typeName: 'TypeName', identitySequence: 'RangeVar', collClause: 'CollateClause' },
    JsonTable: { context_item: 'JsonValueExpr', pathspec: 'JsonTablePathSpec', on_error: 'JsonBehavior', alias: 'Alias' },
    JsonTableColumn: {
      typeName: 'TypeName', pathspec: 'JsonTablePathSpec', format: 'JsonFormat', on_empty: 'JsonBehavior', on_error: 'JsonBehavior',
    },
    JsonValueExpr: { format: 'JsonFormat' },
    JsonFuncExpr: { context_item: 'JsonValueExpr', output: 'JsonOutput', on_empty: 'JsonBehavior', on_error: 'JsonBehavior' },
    JsonOutput: { typeName: 'TypeName', returning: 'JsonReturning' },
    JsonReturning: { format: 'JsonFormat' },
    JsonArgument: { val: 'JsonValueExpr' },
    JsonObjectConstructor: { output: 'JsonOutput' },
    JsonArrayConstructor: { output: 'JsonOutput' },
    JsonArrayQueryConstructor: { output: 'JsonOutput', format: 'JsonFormat' },
    JsonAggConstructor: { output: 'JsonOutput', over: 'WindowDef' },
    JsonObjectAgg: { constructor: 'JsonAggConstructor', arg: 'JsonKeyValue' },
    JsonArrayAgg: { constructor: 'JsonAggConstructor', arg: 'JsonValueExpr' },
    JsonKeyValue: { value: 'JsonValueExpr' },
    JsonParseExpr: { expr: 'JsonValueExpr', output: 'JsonOutput' },
    JsonScalarExpr: { output: 'JsonOutput' },
    JsonSerializeExpr: { expr: 'JsonValueExpr', output: 'JsonOutput' },
    JsonIsPredicate: { format: 'JsonFormat' },
  }).map(([parent, fields]) => [parent, new Map(Object.entries(fields))]),
);

/** Keys that only say where something was written; trees are compared without them. */
export const POSITION_KEYS: ReadonlySet<string> = new Set([
  'location', 'stmt_location', 'stmt_len', 'list_start', 'list_end', 'rexpr_list_start', 'rexpr_list_end', 'name_location',
]);
