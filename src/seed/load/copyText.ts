import { encodeValue, type SqlType, type TableSpec } from './tables.js';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value as COPY's text format writes it: `\N` for NULL, backslash, tab, newline and carriage return escaped. */
function copyField(type: SqlType, value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = String(encodeValue(type, value));
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (character) => ESCAPES[character]!) : text;
}

/**
 * Rows as COPY text, one line each, the columns in the spec's order. The values are
 * the ones the parameterised loaders send (encodeValue), so both paths store the same data.
 */
export function copyLines<R>(spec: TableSpec<R>, rows: readonly R[]): string {
  let text = '';
  for (const row of rows) {
    let line = '';
    for (let index = 0; index < spec.columns.length; index++) {
      const column = spec.columns[index]!;
      if (index > 0) line += '\t';
      line += copyField(column.type, row[column.name]);
    }
    text += `${line}\n`;
  }
  return text;
}
