/**
 * Migration files that were edited after landing, before applied files were frozen:
 * for each, the sha256 of the editions a database may still record. A database that
 * recorded one gets the file's current edition applied again (migrations are
 * idempotent) and its record brought up to date, instead of being refused as
 * changed. Nothing is to be added here: a change to the schema is a new file.
 */
export const FORMER_EDITIONS: Readonly<Record<string, readonly string[]>> = {
  // 07593b7: without installing pg_stat_statements (added in bb38838).
  '009': ['357aefa3890e559a584c208e2f767dbbc1d3de0127452bb299c4aef873132b2e'],
  // 07593b7 and bb38838: `requires: vector` of any version (0.8 required from 61a44da).
  '010': ['f63a34c9710f4b4023d4146784420fbdd8d5c31ef2a04f18d03572a5144172a1'],
};

export function isFormerEdition(version: string, checksum: string): boolean {
  return FORMER_EDITIONS[version]?.includes(checksum) ?? false;
}
