/** Rows as a compact pipe-separated table: fewer tokens than JSON for a model to read. */
export function renderRowsAsTable(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '(no rows)';
  const header = columns.join(' | ');
  const body = rows.map((row) => columns.map((column) => renderValue(row[column])).join(' | '));
  return [header, ...body].join('\n');
}

function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/\s*\n\s*/g, ' ');
}
