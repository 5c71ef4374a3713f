import type { Settings } from '../../config/settings.js';
import { isMemoryLocation } from '../../config/userPath.js';
import { detectCapabilities, vectorsUnavailableReason } from '../../db/capabilities.js';
import { checkMigrations } from '../../db/migrations/migrate.js';
import { loadMigrations } from '../../db/migrations/migrationFiles.js';
import { openDatabase } from '../../db/openDatabase.js';
import { readLockHolder, type LockHolder } from '../../db/pglite/dataDirLock.js';
import { dataDirBytes, requireExistingDatabase } from '../../db/pglite/dataDirectory.js';
import type { DatabasePort } from '../../db/port.js';
import { currentEmbeddings } from '../../services/embedProducts.js';
import { countRows, isInitialised } from '../../services/databaseStatus.js';
import { settingsFor } from '../commandSettings.js';
import type { DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { formatBytes } from '../formatBytes.js';

const count = new Intl.NumberFormat('en-US');

export async function runStatus(flags: DatabaseFlags): Promise<number> {
  try {
    const settings = settingsFor({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
    if (!settings.databaseUrl) {
      requireExistingDatabase(settings.dataDir);
      const holder = readLockHolder(settings.dataDir);
      // PGlite admits one process: a running one is asked nothing, only described.
      if (holder) {
        process.stdout.write(heldStatus(settings, holder));
        return EXIT_OK;
      }
    }
    const db = await openDatabase(settings, { create: false });
    try {
      process.stdout.write(await fullStatus(db, settings));
    } finally {
      await db.close();
    }
    return EXIT_OK;
  } catch (error) {
    return reportFailure('status', error);
  }
}

function heldStatus(settings: Settings, holder: LockHolder): string {
  return [
    'Zava Retail database (in use)',
    `  engine      PGlite (embedded PostgreSQL)`,
    `  data        ${settings.dataDir} (${formatBytes(dataDirBytes(settings.dataDir))})`,
    `  held by     \`zava-mcp ${holder.command}\` (pid ${holder.pid}${holder.startedAt ? `, since ${holder.startedAt}` : ''})`,
    ...doorLines(holder),
    holder.wireUrl
      ? `  details     ask through its door, e.g. psql '${holder.wireUrl}' -c 'SELECT * FROM retail.table_stats'`
      : '  details     not readable while another process holds the directory (PGlite admits one); stop it, or start it with --pg-port',
    '',
  ].join('\n');
}

function doorLines(holder: LockHolder): string[] {
  const doors = [
    ...(holder.httpUrl ? [`MCP over Streamable HTTP: ${holder.httpUrl}`] : holder.command === 'serve' ? ['MCP over standard input/output (its client)'] : []),
    ...(holder.wireUrl ? [`PostgreSQL wire protocol: psql '${holder.wireUrl}'`] : []),
  ];
  return doors.length > 0 ? doors.map((door, index) => `  ${index === 0 ? 'doors      ' : '           '} ${door}`) : ['  doors       none'];
}

async function fullStatus(db: DatabasePort, settings: Settings): Promise<string> {
  const engine = db.info.engine === 'pglite' ? `PGlite ${db.info.serverVersion} (embedded PostgreSQL)` : `PostgreSQL ${db.info.serverVersion}`;
  const bytes = db.info.engine === 'pglite' && !isMemoryLocation(settings.dataDir)
    ? dataDirBytes(settings.dataDir)
    : Number((await db.query<{ bytes: string | number }>('SELECT pg_database_size(current_database()) AS bytes')).rows[0]!.bytes);
  const lines = ['Zava Retail database', `  engine      ${engine}`, `  data        ${db.info.location} (${formatBytes(bytes)})`];
  if (!(await isInitialised(db))) {
    lines.push('  schema      none: `zava-mcp init` creates the schema and the sample data', '');
    return lines.join('\n');
  }
  lines.push(...(await migrationLines(db)), ...(await rowLines(db)), ...(await embeddingLines(db, settings)));
  lines.push(
    db.info.engine === 'pglite'
      ? '  doors       none open (no other process holds this directory); `zava-mcp db serve` or `serve --pg-port` open one'
      : '  doors       a PostgreSQL server: clients connect to it directly',
    '',
  );
  return lines.join('\n');
}

async function migrationLines(db: DatabasePort): Promise<string[]> {
  const files = loadMigrations();
  const check = await checkMigrations(db, files);
  const applied = (await db.query<{ label: string }>("SELECT version || '_' || name AS label FROM zava_meta.schema_migrations ORDER BY version")).rows.map((row) => row.label);
  const waitingVersions = new Set(check.waiting.map((label) => label.slice(0, 3)));
  const pending = files.filter((file) => !applied.some((label) => label.startsWith(`${file.version}_`)) && !waitingVersions.has(file.version)).map((file) => `${file.version}_${file.name}`);
  return [
    `  migrations  ${applied.length} applied (latest ${applied.at(-1) ?? 'none'})`,
    ...(pending.length > 0 ? [`              to apply: ${pending.join(', ')} (zava-mcp migrate, or the next serve)`] : []),
    ...check.waiting.map((waiting) => `              waiting: ${waiting}`),
  ];
}

async function rowLines(db: DatabasePort): Promise<string[]> {
  const counts = await countRows(db);
  const audit = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM retail.audit_log')).rows[0]!.n;
  return [
    `  rows        ${count.format(counts.stores)} stores, ${count.format(counts.customers)} customers, ${count.format(counts.products)} products, ` +
      `${count.format(counts.sales_transactions)} transactions, ${count.format(counts.sales_transaction_items)} lines, ${count.format(audit)} audit entries`,
  ];
}

/** The configured provider (without loading a model), and how current each stored model's vectors are. */
async function embeddingLines(db: DatabasePort, settings: Settings): Promise<string[]> {
  const provider =
    settings.embeddings === 'none'
      ? 'off (ZAVA_EMBEDDINGS=none)'
      : settings.embeddings === 'local'
        ? `local, ${settings.localModel}`
        : settings.embeddings === 'openai'
          ? `openai, ${settings.openaiModel}`
          : `azure, deployment ${settings.azureDeployment ?? '(not set)'}`;
  const unavailable = vectorsUnavailableReason(await detectCapabilities(db));
  if (unavailable) return [`  embeddings  ${provider}; semantic search unavailable: ${unavailable}`];
  const models = (await db.query<{ model: string }>('SELECT DISTINCT embedding_model AS model FROM retail.product_embeddings ORDER BY 1')).rows.map((row) => row.model);
  const current = await Promise.all(models.map(async (model) => ({ model, ...(await currentEmbeddings(db, model)) })));
  return [
    `  embeddings  ${provider}`,
    ...(current.length === 0 ? ['              no product has an embedding yet (zava-mcp embed)'] : []),
    ...current.map((entry) => `              ${entry.model}: ${count.format(entry.current)} of ${count.format(entry.products)} products current`),
  ];
}
