import type { TransactionSession } from '../db/port.js';

/** Where a sandbox keeps its pristine rows: the owner's, like the audit (mcp_user has no privilege here). */
const PRISTINE = 'zava_sandbox';
const SCHEMAS = ['retail', 'zava_access'];

interface TableColumns {
  schema: string;
  table: string;
  columns: string[];
}

/**
 * Copies every table of the retail and access schemas into a private schema and
 * stores the script that puts them back: TRUNCATE and INSERT in one round trip,
 * triggers and foreign keys quiet, sequences back where they were. Far cheaper
 * than loading the snapshot again (a second or two), so reset() takes milliseconds.
 */
export async function preparePristineCopy(tx: TransactionSession): Promise<void> {
  const tables = (
    await tx.query<TableColumns>(
      `SELECT n.nspname AS schema, c.relname AS table,
              array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attgenerated = '') AS columns
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind = 'r' AND n.nspname = ANY ($1::text[])
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [SCHEMAS],
    )
  ).rows;
  const sequences = (
    await tx.query<{ sequence: string; value: string; called: boolean }>(
      `SELECT format('%I.%I', s.schemaname, s.sequencename) AS sequence, COALESCE(s.last_value, 1)::text AS value, s.last_value IS NOT NULL AS called
         FROM pg_sequences s WHERE s.schemaname = ANY ($1::text[])`,
      [SCHEMAS],
    )
  ).rows;
  const qualified = (t: TableColumns) => `${quote(t.schema)}.${quote(t.table)}`;
  const copy = (t: TableColumns) => `${quote(PRISTINE)}.${quote(`${t.schema}.${t.table}`)}`;
  const columns = (t: TableColumns) => t.columns.map(quote).join(', ');
  await tx.runScript(
    [
      `CREATE SCHEMA ${quote(PRISTINE)}`,
      `REVOKE ALL ON SCHEMA ${quote(PRISTINE)} FROM PUBLIC`,
      ...tables.map((t) => `CREATE TABLE ${copy(t)} AS SELECT ${columns(t)} FROM ${qualified(t)}`),
      `CREATE TABLE ${quote(PRISTINE)}.reset_script (script TEXT NOT NULL)`,
    ].join(';\n'),
  );
  const script = [
    "SET LOCAL session_replication_role = 'replica'",
    `TRUNCATE ${tables.map(qualified).join(', ')}`,
    ...tables.map((t) => `INSERT INTO ${qualified(t)} (${columns(t)}) OVERRIDING SYSTEM VALUE SELECT ${columns(t)} FROM ${copy(t)}`),
    ...sequences.map((s) => `SELECT setval('${s.sequence}', ${Number(s.value)}, ${s.called})`),
  ].join(';\n');
  await tx.query(`INSERT INTO ${quote(PRISTINE)}.reset_script (script) VALUES ($1)`, [script]);
}

/** Puts every table back as preparePristineCopy found it. */
export async function resetToPristine(tx: TransactionSession): Promise<void> {
  const { rows } = await tx.query<{ script: string }>(`SELECT script FROM ${quote(PRISTINE)}.reset_script`);
  await tx.runScript(rows[0]!.script);
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
