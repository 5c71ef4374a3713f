import { toJsonValue } from '../../jsonValues.js';
import { uniqueColumnNames } from '../../services/uniqueColumnNames.js';

export type SqlFormat = 'table' | 'json' | 'csv';

/** What one statement of a script gave back. */
export interface StatementOutcome {
  /** `SELECT 3`, `UPDATE 2`, `DROP TABLE`. */
  tag: string;
  /** Present when the statement returns rows (a SELECT with none still has columns). */
  columns?: string[];
  /** In column order; columns with the same name all survive. */
  rows?: unknown[][];
  /** Said after the rows: why rows are missing. */
  note?: string;
}

/** Table on a terminal (what people read), JSON in a pipe (what programs read). */
export function defaultFormat(stream: NodeJS.WriteStream = process.stdout): SqlFormat {
  return stream.isTTY ? 'table' : 'json';
}

/**
 * JSON: for a single statement, its rows (objects) as before; for a script, one
 * entry per statement with its command tag and, when it returns rows, the rows.
 */
export function renderJson(outcomes: readonly StatementOutcome[], statementCount: number): string {
  if (statementCount === 1 && outcomes.length === 1 && outcomes[0]!.columns) return `${JSON.stringify(rowObjects(outcomes[0]!), null, 2)}\n`;
  const entries = outcomes.map((outcome, index) => ({
    statement: index + 1,
    command: outcome.tag,
    ...(outcome.columns ? { rows: rowObjects(outcome) } : {}),
    ...(outcome.note ? { note: outcome.note } : {}),
  }));
  return `${JSON.stringify(statementCount === 1 ? entries[0] : entries, null, 2)}\n`;
}

/** psql's aligned format: a header, a rule, the rows, and the count; a command tag for statements without rows. */
export function renderTable(outcome: StatementOutcome): string {
  if (!outcome.columns) return `${outcome.tag}\n`;
  const cells = (outcome.rows ?? []).map((row) => row.map(textOf));
  const widths = outcome.columns.map((column, index) => Math.max(width(column), ...cells.map((row) => width(row[index] ?? ''))));
  const line = (values: readonly string[]) => ` ${values.map((value, index) => pad(value, widths[index]!)).join(' | ')}`.trimEnd();
  const count = cells.length;
  return [
    line(outcome.columns),
    widths.map((size) => '-'.repeat(size + 2)).join('+'),
    ...cells.map(line),
    `(${count} row${count === 1 ? '' : 's'})`,
    ...(outcome.note ? [`Note: ${outcome.note}`] : []),
    '',
  ].join('\n') + '\n';
}

/** RFC 4180: a header and the rows; NULL is an empty field, an empty string a quoted one. */
export function renderCsv(outcome: StatementOutcome): string {
  if (!outcome.columns) return '';
  const field = (value: unknown) => {
    if (value === null || value === undefined) return '';
    const text = textOf(value);
    return text === '' || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [outcome.columns.map(field), ...(outcome.rows ?? []).map((row) => row.map(field))].map((row) => row.join(',')).join('\r\n') + '\r\n';
}

function rowObjects(outcome: StatementOutcome): Record<string, unknown>[] {
  const names = uniqueColumnNames(outcome.columns ?? []);
  return (outcome.rows ?? []).map((row) => Object.fromEntries(names.map((name, index) => [name, toJsonValue(row[index])])));
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  const json = toJsonValue(value);
  return typeof json === 'object' ? JSON.stringify(json) : String(json);
}

/** Characters as a terminal shows them (not UTF-16 units). */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - width(text)));
}
