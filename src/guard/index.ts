/**
 * # The SQL guard
 *
 * Decides whether SQL written by a model may run. On PGlite the session user is a
 * superuser and `RESET ROLE` would undo `SET LOCAL ROLE mcp_user`, so this module
 * is the only barrier there: it allows what it understands and refuses the rest.
 *
 * ## Rules
 * - The text is parsed by PostgreSQL 18's own parser (libpg-query) and must be
 *   exactly one statement, optionally followed by one `;`, with comments anywhere
 *   except nested block comments. No NUL, no unpaired surrogates, no `\'` in a
 *   `'...'` string (it would end elsewhere with standard_conforming_strings off).
 * - That statement is a SELECT (WITH, UNION/INTERSECT/EXCEPT, VALUES and TABLE
 *   included), or EXPLAIN [ANALYZE] of one. Everything else is refused by name:
 *   INSERT/UPDATE/DELETE/MERGE/TRUNCATE, SET/RESET (ROLE, SESSION AUTHORIZATION),
 *   transaction control, COPY, DO, CALL, LOCK, PREPARE/EXECUTE, LISTEN/NOTIFY,
 *   cursors, VACUUM, CHECKPOINT, LOAD, DDL, GRANT/REVOKE; inside a SELECT also
 *   data-modifying WITH, SELECT INTO, FOR UPDATE/SHARE, $n parameters, XML.
 * - The whole parse tree is walked, every object and array; node types off an
 *   allowlist are refused (nodeShapes.ts). Then:
 *   - calls: an allowlist of computing functions (functionAllowlist.ts), qualified
 *     only with their own schema (pg_catalog, public for pgvector/pg_trgm/uuid-ossp,
 *     retail for current_store_ids, verified_store_ids, search_products_by_similarity).
 *     current_setting only reads 'app.current_store_id'; lpad/rpad/format only
 *     with small literal widths; repeat and array_fill are out (memory).
 *   - relations: an allowed table of schema retail, or a WITH query in scope
 *     (cteScope.ts); any other schema is refused by name; WITH names may not
 *     start with pg_.
 *   - types in casts and column definitions: value types only, no reg* (but
 *     regconfig), xml, pg_* or row types (typeAllowlist.ts).
 *   - qualified names `x.f` and `(x).f`: attribute notation calls f(x), so f is
 *     checked against dangerous names and the catalog's function names.
 *   - OPERATOR(schema.op) only for pg_catalog and public; TABLESAMPLE only
 *     BERNOULLI/SYSTEM; EXPLAIN options that only shape output (not SETTINGS).
 * - Calls that grow values (replace, regexp_replace, string_agg, array_to_string,
 *   encode, quote_*, to_json...) may not nest past a 1000-fold growth, and a
 *   replacement text is a short literal (inflationCheck.ts).
 * - The verdict is a value: allowed with the statement text cut by token
 *   offsets, or refused with a reason naming the problem and its position.
 *   declareResultCursor declares the cursor a SELECT is read through and proves
 *   by re-parsing that it reads exactly that statement, row-limited.
 */
export { checkModelSql } from './checkModelSql.js';
export { declareResultCursor, RESULT_CURSOR, type ResultCursorDeclaration } from './resultCursor.js';
export { RETAIL_RELATION_COLUMNS } from './retailRelations.js';
export type { AllowedVerdict, GuardPolicy, GuardVerdict, RefusedVerdict } from './verdict.js';
