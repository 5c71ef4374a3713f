/** Values as JSON would carry them, so structured content and text agree on both engines. */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toJsonValue(inner)]));
  }
  return value;
}

export function toJsonRows(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) => toJsonValue(row) as Record<string, unknown>);
}
