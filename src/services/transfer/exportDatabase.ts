import { detectCapabilities, vectorsUnavailableReason } from '../../db/capabilities.js';
import { quoteIdent } from '../../db/copyTable.js';
import { BOOKKEEPING } from '../../db/migrations/migrate.js';
import { loadMigrations, type Migration } from '../../db/migrations/migrationFiles.js';
import type { DatabasePort, TransactionSession } from '../../db/port.js';
import { requireCurrentSource } from './copyDatabase.js';
import { CANONICAL_TEXT_SETTINGS } from './tableChecksums.js';
import { schemaTables, type SchemaTables } from './schemaTables.js';
import { DATA_SCHEMAS, readZavaTables, type ZavaTable } from './zavaTables.js';

/** Where the export goes; a write resolves when the sink can take more. */
export interface ExportSink {
  write(chunk: string | Uint8Array): Promise<void>;
}

export interface ExportReport {
  tables: { name: string; rows: number }[];
  /** Tables left out, and why. */
  skipped: { name: string; reason: string }[];
}

/** The psql variable the export sets to whether the target offers pgvector 0.8 or newer. */
const VECTOR = 'zava_vector';

/**
 * Writes a plain SQL file that `psql -v ON_ERROR_STOP=1 -f` restores into an empty
 * database on PostgreSQL 15 to 18. It is built from our own migrations (so roles,
 * policies and grants name the restoring role and mcp_user, never the source's
 * owner) and the data as COPY, in one transaction, read from one snapshot. What
 * needs pgvector (the vector migrations, embedding models, product vectors) is
 * applied only where the target has it, decided by psql's \if at restore time; the
 * product vectors are staged in a temporary table so that no COPY data ever sits
 * in a skipped branch (psql would read it as SQL).
 */
export async function exportDatabase(source: DatabasePort, sink: ExportSink, version: string): Promise<ExportReport> {
  await requireCurrentSource(source);
  const migrations = loadMigrations();
  const schema = schemaTables(migrations);
  const snapshot = { role: 'owner' as const, readOnly: true, repeatableRead: true, settings: CANONICAL_TEXT_SETTINGS };
  return source.transaction(snapshot, async (tx) => {
    const report: ExportReport = { tables: [], skipped: [] };
    const sourceVectors = vectorsUnavailableReason(await detectCapabilities(tx)) === undefined;
    const tables = (await readZavaTables(tx)).filter((table) => {
      if (!schema.all.has(table.name)) report.skipped.push({ name: table.name, reason: 'not part of the Zava schema (made by hand?); dump it with pg_dump' });
      else if (schema.needVectors.has(table.name) && !sourceVectors) report.skipped.push({ name: table.name, reason: 'this database has no pgvector; run `zava-mcp embed` after restoring' });
      else return true;
      return false;
    });
    await sink.write(preamble(source, version));
    for (const migration of migrations) await sink.write(migrationPart(migration));
    await sink.write(loadingPart(tables, schema, 'start'));
    for (const table of tables) {
      let rows = 0;
      const staged = schema.needVectors.has(table.name);
      await sink.write(staged ? stagingStart(table) : `COPY ${target(table)} FROM stdin;\n`);
      for await (const chunk of tx.copyOut(table)) {
        rows += chunk.reduce((count, byte) => count + (byte === 0x0a ? 1 : 0), 0);
        await sink.write(chunk);
      }
      await sink.write(staged ? `\\.\n${stagingEnd(table)}` : '\\.\n');
      report.tables.push({ name: table.name, rows });
    }
    await sink.write(await sequencesPart(tx));
    await sink.write(loadingPart(tables, schema, 'end'));
    await sink.write('COMMIT;\nANALYZE;\n');
    return report;
  });
}

function preamble(source: DatabasePort, version: string): string {
  return `-- Zava Retail database, exported by zava-mcp ${version} on ${new Date().toISOString()}
-- from ${source.info.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${source.info.serverVersion}.
-- Restore into an empty database (PostgreSQL 15 or newer) as the role that is to own it:
--   psql -v ON_ERROR_STOP=1 -d postgres://owner@host/database -f this-file.sql
-- It runs zava-mcp's own migrations (extensions, the role mcp_user if missing, the schema),
-- so it needs the rights they need: a superuser, as for zava-mcp init and migrate on a new
-- server. Then the data; pgvector objects only where the server has pgvector 0.8+.
-- Then give mcp_user a password: ZAVA_APP_PASSWORD=... zava-mcp migrate --database-url ...
\\set ON_ERROR_STOP on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET client_min_messages = warning;
BEGIN;
DO $zava$
BEGIN
  IF to_regnamespace('zava_meta') IS NOT NULL OR to_regnamespace('retail') IS NOT NULL THEN
    RAISE EXCEPTION 'this database already holds a Zava database; restore into an empty one';
  END IF;
END
$zava$;
SELECT EXISTS (SELECT 1 FROM pg_available_extensions
                WHERE name = 'vector'
                  AND string_to_array(split_part(COALESCE(installed_version, default_version), '-', 1), '.')::int[] >= ARRAY[0, 8]) AS ${VECTOR} \\gset
\\if :${VECTOR}
\\else
\\echo 'No pgvector 0.8 or newer here: semantic search objects and product vectors are left out (zava-mcp migrate and embed add them later).'
\\endif
${BOOKKEEPING.trim()}
`;
}

function migrationPart(migration: Migration): string {
  const vector = migration.requires.some((requirement) => requirement.extension === 'vector');
  const body =
    `${migration.sql.trimEnd()}\n;\n` +
    `INSERT INTO zava_meta.schema_migrations (version, name, checksum) VALUES ('${migration.version}', '${migration.name}', '${migration.checksum}');\n`;
  return `-- migration ${migration.version}_${migration.name}\n${vector ? onlyWithVectors(body) : body}`;
}

/**
 * Audit triggers off and the owner's forced row-level security lifted while rows
 * load (COPY FROM refuses it), both back before COMMIT; the rows the migrations
 * seeded (stores, categories, the context key) make way for the exported ones.
 */
function loadingPart(tables: readonly ZavaTable[], schema: SchemaTables, phase: 'start' | 'end'): string {
  const statements = (table: ZavaTable) => {
    const name = target(table, false);
    const sql = [`ALTER TABLE ${name} ${phase === 'start' ? 'DISABLE' : 'ENABLE'} TRIGGER USER;`];
    if (table.forced) sql.push(`ALTER TABLE ${name} ${phase === 'start' ? 'NO FORCE' : 'FORCE'} ROW LEVEL SECURITY;`);
    if (phase === 'start') sql.push(`TRUNCATE ${name} CASCADE;`);
    return `${sql.join('\n')}\n`;
  };
  const everywhere = tables.filter((table) => !schema.createdWithVectors.has(table.name));
  const vectorOnly = tables.filter((table) => schema.createdWithVectors.has(table.name));
  return `-- data: ${phase === 'start' ? 'loading' : 'loaded'}\n${everywhere.map(statements).join('')}${vectorOnly.length > 0 ? onlyWithVectors(vectorOnly.map(statements).join('')) : ''}`;
}

const isVectorType = (type: string) => /^(vector|halfvec|sparsevec)\b/.test(type);

/** A table that needs pgvector: its rows go to a temporary table (vectors as text), then to the real one only where pgvector is. */
function stagingStart(table: ZavaTable): string {
  const columns = table.columns.map((column, index) => `${quoteIdent(column)} ${isVectorType(table.types[index]!) ? 'text' : table.types[index]}`);
  return `CREATE TEMPORARY TABLE ${staging(table)} (${columns.join(', ')}) ON COMMIT DROP;\nCOPY ${staging(table)} FROM stdin;\n`;
}

function stagingEnd(table: ZavaTable): string {
  const select = table.columns.map((column, index) => (isVectorType(table.types[index]!) ? `${quoteIdent(column)}::${table.types[index]}` : quoteIdent(column)));
  return onlyWithVectors(`INSERT INTO ${target(table)} SELECT ${select.join(', ')} FROM ${staging(table)};\n`);
}

function staging(table: ZavaTable): string {
  return quoteIdent(`zava_import_${table.schema}_${table.table}`);
}

function onlyWithVectors(sql: string): string {
  return `\\if :${VECTOR}\n${sql}\\endif\n`;
}

async function sequencesPart(tx: TransactionSession): Promise<string> {
  const sequences = await tx.query<{ schema: string; name: string; last_value: string | number | null }>(
    'SELECT schemaname AS schema, sequencename AS name, last_value FROM pg_sequences WHERE schemaname = ANY ($1::text[]) AND last_value IS NOT NULL ORDER BY 1, 2',
    [[...DATA_SCHEMAS]],
  );
  return sequences.rows.map((sequence) => `SELECT setval('${quoteIdent(sequence.schema)}.${quoteIdent(sequence.name)}', ${Number(sequence.last_value)}, true);\n`).join('');
}

function target(table: ZavaTable, withColumns = true): string {
  const name = `${quoteIdent(table.schema)}.${quoteIdent(table.table)}`;
  return withColumns ? `${name} (${table.columns.map(quoteIdent).join(', ')})` : name;
}
