import type { ParseResult, ScanToken } from './parser.js';
import { scanSql } from './parser.js';
import { refuse } from './refusal.js';
import type { SourceText } from './sourceText.js';

export interface IsolatedStatement {
  /** The statement node, e.g. `{ SelectStmt: {...} }`. */
  node: unknown;
  /** The statement as written: first token to last token, no semicolon, no surrounding comments. */
  text: string;
  /** Byte offset of `text` in the input. */
  startByte: number;
}

const COMMENT_TOKENS: ReadonlySet<string> = new Set(['SQL_COMMENT', 'C_COMMENT']);

/**
 * Exactly one statement, optionally followed by one semicolon, with comments
 * anywhere. The cut uses the lexer's token offsets, so a semicolon or a comment
 * marker inside a string, a dollar-quoted body or an identifier is never mistaken
 * for the end of the statement.
 */
export function isolateSingleStatement(source: SourceText, tree: ParseResult): IsolatedStatement {
  const statements = tree.stmts ?? [];
  if (statements.length === 0) refuse('the SQL has no statement, only comments or semicolons');
  if (statements.length > 1) refuse(`only one statement is allowed, found ${statements.length}`, statements[1]?.stmt_location);
  const tokens = scanSql(source.text);
  for (const token of tokens) checkToken(source, token);
  const code = tokens.filter((token) => !COMMENT_TOKENS.has(token.tokenName));
  const semicolons = code.filter(isSemicolon);
  const last = code[code.length - 1];
  if (semicolons.length > 1 || (semicolons.length === 1 && last !== semicolons[0])) {
    const extra = semicolons.find((token) => token !== last) ?? semicolons[1];
    refuse('only one statement is allowed: remove the extra semicolon (an empty statement)', extra?.start);
  }
  const statementTokens = last !== undefined && isSemicolon(last) ? code.slice(0, -1) : code;
  const first = statementTokens[0];
  const end = statementTokens[statementTokens.length - 1];
  if (first === undefined || end === undefined) refuse('the SQL has no statement, only comments or semicolons');
  return { node: statements[0]?.stmt, text: source.sliceBytes(first.start, end.end), startByte: first.start };
}

function isSemicolon(token: ScanToken): boolean {
  return token.text === ';';
}

function checkToken(source: SourceText, token: ScanToken): void {
  const text = source.sliceBytes(token.start, token.end);
  // PostgreSQL nests block comments; tools that log, split or proxy SQL often do
  // not, and would see `/* a /* b */ ; DROP ... */` end early. Nobody needs them.
  if (token.tokenName === 'C_COMMENT' && text.slice(2).includes('/*')) {
    refuse('nested block comments are not allowed: other tools read where they end differently', token.start);
  }
  // With standard_conforming_strings off, \' inside '...' escapes the quote and the
  // string ends somewhere else than this parser thinks. E'...' and $$...$$ mean
  // the same under either setting.
  if (token.tokenName === 'SCONST' && /^[nN]?'/.test(text) && text.includes("\\'")) {
    refuse("a backslash before a quote in a '...' string is not allowed: write the string as E'...' or $$...$$", token.start);
  }
}
