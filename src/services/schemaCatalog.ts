import { z } from 'zod';
import type { SqlExecutor } from '../db/port.js';
import { RETAIL_RELATION_COLUMNS } from '../guard/index.js';

export const columnDescriptionSchema = z.object({
  name: z.string(),
  type: z.string(),
  nullable: z.boolean(),
  default: z.string().nullable(),
  description: z.string().nullable(),
});
export type ColumnDescription = z.infer<typeof columnDescriptionSchema>;

/** A retail table as get_multiple_table_schemas and the schema resources describe it. */
export const tableDescriptionSchema = z.object({
  table: z.string(),
  qualifiedName: z.string(),
  description: z.string().nullable(),
  columns: z.array(columnDescriptionSchema),
  primaryKey: z.array(z.string()),
  uniqueConstraints: z.array(z.string()),
  foreignKeys: z.array(z.string()),
  checks: z.array(z.string()),
  indexes: z.array(z.object({ name: z.string(), definition: z.string() })),
  rowLevelSecurity: z.boolean(),
});
export type TableDescription = z.infer<typeof tableDescriptionSchema>;

/** The tables a store session may read (the guard's relations), in the order a reader meets them. */
export const RETAIL_TABLES: readonly string[] = [...RETAIL_RELATION_COLUMNS.keys()];

const COLUMNS_SQL = `
SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS data_type,
       NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS column_default,
       col_description(c.oid, a.attnum) AS description
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'retail'
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE c.relname = ANY ($1::text[]) AND c.relkind IN ('r', 'p')
 ORDER BY c.relname, a.attnum`;

const TABLES_SQL = `
SELECT c.relname AS table_name, obj_description(c.oid, 'pg_class') AS description, c.relrowsecurity AS rls
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'retail'
 WHERE c.relname = ANY ($1::text[]) AND c.relkind IN ('r', 'p')`;

const CONSTRAINTS_SQL = `
SELECT c.relname AS table_name, k.contype AS kind, pg_get_constraintdef(k.oid) AS definition,
       ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord) AS columns
  FROM pg_constraint k
  JOIN pg_class c ON c.oid = k.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'retail'
 WHERE c.relname = ANY ($1::text[])
 ORDER BY c.relname, k.contype, k.conname`;

const INDEXES_SQL = `
SELECT tablename AS table_name, indexname AS name, indexdef AS definition
  FROM pg_indexes WHERE schemaname = 'retail' AND tablename = ANY ($1::text[])
 ORDER BY tablename, indexname`;

/** Reads the structure of the retail tables from the catalogue (structure, not tenant data). */
export async function describeRetailTables(db: SqlExecutor): Promise<TableDescription[]> {
  const names = [...RETAIL_TABLES];
  const [tables, columns, constraints, indexes] = await Promise.all([
    db.query<{ table_name: string; description: string | null; rls: boolean }>(TABLES_SQL, [names]),
    db.query<{ table_name: string; column_name: string; data_type: string; nullable: boolean; column_default: string | null; description: string | null }>(COLUMNS_SQL, [names]),
    db.query<{ table_name: string; kind: string; definition: string; columns: string[] }>(CONSTRAINTS_SQL, [names]),
    db.query<{ table_name: string; name: string; definition: string }>(INDEXES_SQL, [names]),
  ]);
  const present = new Map(tables.rows.map((row) => [row.table_name, row]));
  return names
    .filter((name) => present.has(name))
    .map((name) => {
      const own = <T extends { table_name: string }>(rows: T[]) => rows.filter((row) => row.table_name === name);
      const tableConstraints = own(constraints.rows);
      const byKind = (kind: string) => tableConstraints.filter((row) => row.kind === kind);
      return {
        table: name,
        qualifiedName: `retail.${name}`,
        description: present.get(name)!.description,
        rowLevelSecurity: present.get(name)!.rls,
        columns: own(columns.rows).map((row) => ({
          name: row.column_name,
          type: row.data_type,
          nullable: row.nullable,
          default: row.column_default,
          description: row.description,
        })),
        primaryKey: byKind('p')[0]?.columns ?? [],
        uniqueConstraints: byKind('u').map((row) => row.definition),
        foreignKeys: byKind('f').map((row) => row.definition),
        checks: byKind('c').map((row) => row.definition),
        indexes: own(indexes.rows).map((row) => ({ name: row.name, definition: row.definition })),
      };
    });
}

/** A compact DDL-like rendering for a model to read. */
export function renderTableDescription(table: TableDescription): string {
  const lines = [`TABLE ${table.qualifiedName}${table.description ? ` -- ${table.description}` : ''}`];
  for (const column of table.columns) {
    const parts = [`  ${column.name} ${column.type}`];
    if (!column.nullable) parts.push('NOT NULL');
    if (column.default) parts.push(`DEFAULT ${column.default}`);
    if (column.description) parts.push(`-- ${column.description}`);
    lines.push(parts.join(' '));
  }
  if (table.primaryKey.length > 0) lines.push(`  PRIMARY KEY (${table.primaryKey.join(', ')})`);
  for (const unique of table.uniqueConstraints) lines.push(`  ${unique}`);
  for (const foreignKey of table.foreignKeys) lines.push(`  ${foreignKey}`);
  for (const check of table.checks) lines.push(`  ${check}`);
  for (const index of table.indexes) lines.push(`  INDEX ${index.name}: ${index.definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON /, '')}`);
  if (table.rowLevelSecurity) lines.push('  -- row-level security: you see only the rows of the store(s) this server is bound to');
  return lines.join('\n');
}
