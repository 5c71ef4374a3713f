/** `SELECT *` over a join repeats names (store_id, created_at); keep every column: store_id, store_id_2. */
export function uniqueColumnNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    let unique = count === 1 ? name : `${name}_${count}`;
    while (count > 1 && names.includes(unique)) unique = `${unique}_`;
    return unique;
  });
}
