import { z } from 'zod';
import type { CopyTable } from '../../db/copyTable.js';
import type { SqlExecutor } from '../../db/port.js';
import { ZavaError } from '../../errors.js';

/** The schemas whose tables hold the Zava database's data (zava_meta is bookkeeping the migrations write). */
export const DATA_SCHEMAS = ['retail', 'retail_private'] as const;

const tableSchema = z.object({
  schema: z.string(),
  table: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  primary_key: z.array(z.string()).nullable(),
  references: z.array(z.string()).nullable(),
  forced: z.boolean(),
});

export interface ZavaTable extends CopyTable {
  /** `retail.customers`. */
  name: string;
  /** Column types as format_type spells them (`character varying(50)`, `vector`). */
  types: readonly string[];
  primaryKey: readonly string[];
  /** Tables this one's foreign keys point to (other than itself). */
  references: readonly string[];
  /** FORCE ROW LEVEL SECURITY is on. */
  forced: boolean;
}

const TABLES_SQL = `
SELECT n.nspname AS schema, c.relname AS table,
       (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
          FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns,
       (SELECT json_agg(a.attname ORDER BY array_position(i.indkey::int2[], a.attnum))
          FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
         WHERE i.indrelid = c.oid AND i.indisprimary) AS primary_key,
       (SELECT json_agg(DISTINCT rn.nspname || '.' || rc.relname)
          FROM pg_constraint f JOIN pg_class rc ON rc.oid = f.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
         WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid) AS references,
       c.relforcerowsecurity AS forced
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY ($1::text[])
 ORDER BY 1, 2`;

/** The data tables of a Zava database, each after the tables its foreign keys point to. */
export async function readZavaTables(db: SqlExecutor): Promise<ZavaTable[]> {
  const result = await db.query(TABLES_SQL, [[...DATA_SCHEMAS]]);
  const tables = result.rows.map((row) => {
    const parsed = tableSchema.parse(row);
    return {
      name: `${parsed.schema}.${parsed.table}`,
      schema: parsed.schema,
      table: parsed.table,
      columns: parsed.columns.map((column) => column.name),
      types: parsed.columns.map((column) => column.type),
      primaryKey: parsed.primary_key ?? [],
      references: parsed.references ?? [],
      forced: parsed.forced,
    };
  });
  return inDependencyOrder(tables);
}

function inDependencyOrder(tables: ZavaTable[]): ZavaTable[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: ZavaTable[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (table: ZavaTable) => {
    if (placed.has(table.name)) return;
    if (visiting.has(table.name)) throw new ZavaError('internal', `foreign keys of ${table.name} form a cycle`);
    visiting.add(table.name);
    for (const reference of table.references) {
      const referenced = byName.get(reference);
      if (referenced) place(referenced);
    }
    visiting.delete(table.name);
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of tables) place(table);
  return ordered;
}
