/** Rows as a compact pipe-separated table: fewer tokens than JSON for a model to read. */
export function renderRowsAsTable(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '(no rows)';
  const header = columns.join(' | ');
  const body = rows.map((row) => columns.map((column) => renderValue(row[column])).join(' | '));
  return [header, ...body].join('\n');
}

/** How much of a result the text rendering shows; the structured content has all of it. */
export interface PreviewLimits {
  rows: number;
  /** Characters of the table at most; rows past it are left out. */
  characters: number;
  /** Characters of one value at most. */
  valueCharacters: number;
}

export const QUERY_PREVIEW: PreviewLimits = { rows: 20, characters: 4_000, valueCharacters: 200 };

/**
 * The first rows of a result as a table, within the limits, and how many rows the
 * text leaves out: a 500-row SELECT * costs an assistant a few thousand characters
 * of context, not a hundred thousand, and the rest is in the structured content.
 */
export function renderRowsPreview(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  limits: PreviewLimits = QUERY_PREVIEW,
): { table: string; shown: number } {
  if (rows.length === 0) return { table: '(no rows)', shown: 0 };
  const lines = [columns.join(' | ')];
  let characters = lines[0]!.length;
  let shown = 0;
  for (const row of rows.slice(0, limits.rows)) {
    const line = columns.map((column) => shorten(renderValue(row[column]), limits.valueCharacters)).join(' | ');
    if (shown > 0 && characters + line.length + 1 > limits.characters) break;
    lines.push(line);
    characters += line.length + 1;
    shown += 1;
  }
  return { table: lines.join('\n'), shown };
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/\s*\n\s*/g, ' ');
}
