/**
 * Reads the parser's name lists (`[{ String: { sval } }, ...]`). Anything else in
 * such a list makes the caller refuse: a name the guard cannot read is a name it
 * cannot vouch for.
 */
export function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names: string[] = [];
  for (const item of value) {
    const text = stringValue(item);
    if (text === undefined) return undefined;
    names.push(text);
  }
  return names;
}

/** The text of one `{ String: { sval } }` node; an empty sval is omitted from the JSON. */
export function stringValue(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || !Object.hasOwn(item, 'String')) return undefined;
  const body = (item as { String: unknown }).String;
  if (typeof body !== 'object' || body === null) return undefined;
  const sval = (body as { sval?: unknown }).sval;
  if (sval === undefined) return '';
  return typeof sval === 'string' ? sval : undefined;
}

/** How a name list reads in SQL, for messages: `pg_catalog.pg_sleep`. */
export function displayName(names: readonly string[]): string {
  return names.map((name) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`)).join('.');
}
