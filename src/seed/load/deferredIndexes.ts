import type { TransactionSession } from '../../db/port.js';

/** A constraint or index as the catalog writes it, to be put back exactly. */
interface Definition {
  name: string;
  table: string;
  kind: 'primary' | 'unique' | 'foreign' | 'index';
  definition: string;
}

/**
 * Constraints (primary keys, unique, foreign keys to and from the tables) and the
 * other indexes of the given tables. Definitions come from pg_get_constraintdef and
 * pg_get_indexdef, so what is rebuilt is what the migrations created.
 */
const DEFINITIONS_SQL = `
SELECT format('%I', c.conname) AS name, format('%I.%I', n.nspname, t.relname) AS table,
       CASE c.contype WHEN 'p' THEN 'primary' WHEN 'u' THEN 'unique' ELSE 'foreign' END AS kind,
       pg_get_constraintdef(c.oid) AS definition
  FROM pg_constraint c
  JOIN pg_class t ON t.oid = c.conrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE (c.contype IN ('p', 'u') AND c.conrelid = ANY ($1::regclass[]))
    OR (c.contype = 'f' AND (c.conrelid = ANY ($1::regclass[]) OR c.confrelid = ANY ($1::regclass[])))
UNION ALL
SELECT format('%I.%I', n.nspname, ic.relname), format('%I.%I', n.nspname, t.relname), 'index', pg_get_indexdef(i.indexrelid)
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE i.indrelid = ANY ($1::regclass[])
   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
 ORDER BY 1`;

/** Dropped in this order: foreign keys first, they depend on the keys. */
const DROP_ORDER: readonly Definition['kind'][] = ['foreign', 'index', 'unique', 'primary'];

export interface DeferredIndexes {
  /** A script that builds a table's keys and indexes again (not its foreign keys). */
  tableScript(table: string): string;
  /** A script that adds every dropped foreign key again; each is checked as it is added. */
  foreignKeyScript(): string;
}

function statements(items: readonly Definition[]): string {
  return items.map((item) => `${item.kind === 'index' ? item.definition : `ALTER TABLE ${item.table} ADD CONSTRAINT ${item.name} ${item.definition}`};\n`).join('');
}

/**
 * A bulk load's way with indexes: drop the tables' keys, indexes and foreign keys
 * before the rows arrive and build them once afterwards, instead of maintaining
 * them row by row (measured: COPY into the indexed tables was five to seven times
 * slower than into bare ones). Inside the caller's transaction: if anything fails,
 * the rollback brings the old definitions back.
 */
export async function deferIndexes(tx: TransactionSession, tables: readonly string[]): Promise<DeferredIndexes> {
  const { rows } = await tx.query<Definition>(DEFINITIONS_SQL, [tables]);
  const ordered = DROP_ORDER.flatMap((kind) => rows.filter((row) => row.kind === kind));
  if (ordered.length > 0) {
    await tx.runScript(ordered.map((item) => (item.kind === 'index' ? `DROP INDEX ${item.name};\n` : `ALTER TABLE ${item.table} DROP CONSTRAINT ${item.name};\n`)).join(''));
  }
  const rebuilt = (kinds: readonly Definition['kind'][], table?: string) =>
    kinds.flatMap((kind) => rows.filter((row) => row.kind === kind && (table === undefined || row.table === table)));
  return {
    tableScript: (table) => statements(rebuilt(['primary', 'unique', 'index'], table)),
    foreignKeyScript: () => statements(rebuilt(['foreign'])),
  };
}
