import { loadModule, parseSync, scanSync, type ParseResult, type ScanToken } from 'libpg-query';

// The parser is WebAssembly; loading it once here means no caller can reach the
// synchronous API before it is ready, so "forgot to initialise" cannot happen.
await loadModule();

export type { ParseResult, ScanToken };

/** A parse failure as libpg-query reports it; `codePointIndex` counts Unicode code points from 0. */
export interface ParseFailure {
  message: string;
  codePointIndex: number | undefined;
}

export type ParseOutcome = { ok: true; tree: ParseResult } | { ok: false; failure: ParseFailure };

/** PostgreSQL 18's own grammar (the engines run PostgreSQL 18), never a look-alike. */
export function parseSql(sql: string): ParseOutcome {
  try {
    return { ok: true, tree: parseSync(sql) };
  } catch (error) {
    // A tree deep enough to exhaust the stack while it is converted to JSON.
    if (error instanceof RangeError) return { ok: false, failure: { message: 'the SQL is nested too deeply to analyse', codePointIndex: undefined } };
    const details = (error as { sqlDetails?: { cursorPosition?: unknown } }).sqlDetails;
    const cursor = typeof details?.cursorPosition === 'number' ? details.cursorPosition : undefined;
    return { ok: false, failure: { message: error instanceof Error ? error.message : String(error), codePointIndex: cursor } };
  }
}

/** The lexer's tokens, comments included; offsets are UTF-8 byte offsets. */
export function scanSql(sql: string): ScanToken[] {
  return scanSync(sql).tokens;
}
