import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Command } from 'commander';
import { detectCapabilities, vectorsUnavailableReason, type DatabaseCapabilities } from '../../db/capabilities.js';
import { createEmbeddingProvider } from '../../embeddings/factory.js';
import type { ProviderOutcome } from '../../embeddings/provider.js';
import { embedProducts } from '../../services/embedProducts.js';
import { openDatabase } from '../../db/openDatabase.js';
import type { DatabasePort } from '../../db/port.js';
import { ZavaError } from '../../errors.js';
import { createLogger, type Logger } from '../../logging/logger.js';
import type { AppServices } from '../../mcp/appServices.js';
import { createMcpServer } from '../../mcp/createServer.js';
import { packageVersion } from '../../packageRoot.js';
import { prepareDatabase } from '../../services/prepareDatabase.js';
import { describeRetailTables } from '../../services/schemaCatalog.js';
import { countVisibleRows } from '../../services/storeRowCounts.js';
import { describeBinding, parseStoreBinding } from '../../tenant/storeBinding.js';
import { listAllStores, resolveStoreBinding } from '../../tenant/storeDirectory.js';
import { renderBanner } from '../banner.js';
import { launchSpec } from '../connectionSnippets.js';
import { addDatabaseOptions, settingsFor, type DatabaseFlags } from '../databaseOptions.js';
import { reportFailure } from '../failure.js';
import { parsePositiveInteger, todayUtc } from '../optionParsers.js';
import { DEFAULT_SEED } from './init.js';

interface ServeFlags extends DatabaseFlags {
  store?: string;
  embeddings?: string;
  statementTimeout?: number;
  rowLimit?: number;
  byteLimit?: number;
}

export function registerServeCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(
    program
      .command('serve', { isDefault: true })
      .description('run the MCP server over stdio (the default command)'),
  )
    .option('--store <id>', 'the store(s) this server is bound to: an id, a comma-separated list, or * (env ZAVA_STORE)')
    .option('--embeddings <provider>', 'local, openai, azure or none (env ZAVA_EMBEDDINGS)')
    .option('--statement-timeout <ms>', 'cancel model-written queries after this long (env ZAVA_STATEMENT_TIMEOUT_MS)', parsePositiveInteger)
    .option('--row-limit <n>', 'rows returned per query at most (env ZAVA_ROW_LIMIT)', parsePositiveInteger)
    .option('--byte-limit <n>', 'bytes of rows returned per query at most (env ZAVA_BYTE_LIMIT)', parsePositiveInteger)
    .action(async (flags: ServeFlags) => {
      const code = await runServe(flags);
      if (code !== 0) setExitCode(code);
    });
}

async function runServe(flags: ServeFlags): Promise<number> {
  let db: DatabasePort | undefined;
  try {
    const settings = settingsFor({
      dataDir: flags.dataDir,
      databaseUrl: flags.databaseUrl,
      store: flags.store,
      embeddings: flags.embeddings,
      statementTimeoutMs: flags.statementTimeout,
      rowLimit: flags.rowLimit,
      byteLimit: flags.byteLimit,
    });
    const logger = createLogger(settings.logLevel);
    db = await openDatabase(settings);
    logger.info(`opening ${db.info.engine} at ${db.info.location}`);
    const prepared = await prepareDatabase(db, { seed: DEFAULT_SEED, scale: 1, asOf: todayUtc() });
    if (prepared.outcome === 'created') logger.info('first run: created and seeded the default dataset');
    if (prepared.migrations.applied.length > 0) logger.info(`applied migrations ${prepared.migrations.applied.join(', ')}`);
    if (!settings.store) {
      const stores = (await listAllStores(db)).map((store) => store.store_id);
      throw new ZavaError('usage', `no store binding: pass --store <id> (or a comma-separated list, or *) or set ZAVA_STORE; stores: ${stores.join(', ')}`);
    }
    const binding = parseStoreBinding(settings.store);
    const storeIds = await resolveStoreBinding(db, binding);
    const [tables, capabilities, embeddings] = await Promise.all([describeRetailTables(db), detectCapabilities(db), createEmbeddingProvider(settings)]);
    const embedded = await embedPendingProducts(db, embeddings, capabilities, logger);
    const counts = await countVisibleRows(db, storeIds);
    const app: AppServices = { db, binding, storeIds, settings, tables, capabilities, embeddings, logger };
    const server = createMcpServer(app);
    const transport = new StdioServerTransport();
    await server.connect(transport);
    const searchStatus = describeSearch(capabilities, embeddings, embedded);
    process.stderr.write(
      renderBanner({
        version: packageVersion(),
        engine: db.info,
        bindingDescription: describeBinding(binding, storeIds),
        bindingSource: bindingSource(flags.store !== undefined),
        counts,
        // From process start, so the figure includes Node, module loading and the database.
        readyMs: process.uptime() * 1000,
        firstRun: prepared.outcome === 'created',
        searchStatus,
        limits: { timeoutMs: settings.statementTimeoutMs, rowLimit: settings.rowLimit, byteLimit: settings.byteLimit },
        launch: launchSpec(serveArguments(settings.store, flags), connectionEnv(db, settings.dataDir, flags)),
        notes: prepared.migrations.waiting.map((waiting) => `migration ${waiting} not applied`),
      }),
    );
    await waitForShutdown(async () => {
      logger.info('shutting down');
      await server.close();
      await db?.close();
      if (embeddings.status === 'ready') await embeddings.provider.close?.();
    });
    return 0;
  } catch (error) {
    await db?.close().catch(() => undefined);
    return reportFailure('serve', error);
  }
}

function bindingSource(fromFlag: boolean): string {
  // npm sets npm_lifecycle_event; `npm start` passes --store seattle from package.json.
  if (fromFlag && process.env.npm_lifecycle_event === 'start') return 'npm start binds seattle; run zava-mcp serve --store <id> for another';
  return fromFlag ? 'bound by --store' : 'bound by ZAVA_STORE';
}

function describeSearch(capabilities: DatabaseCapabilities, embeddings: ProviderOutcome, embedded: number | undefined): string {
  const unavailable = vectorsUnavailableReason(capabilities);
  if (unavailable) return `full text only: ${unavailable}`;
  const pgvector = `pgvector ${capabilities.pgvector.version}`;
  if (embeddings.status === 'disabled') return `full text only: embeddings are turned off (ZAVA_EMBEDDINGS=none); ${pgvector}`;
  if (embeddings.status === 'unavailable') return `full text only: ${embeddings.reason}`;
  const { provider } = embeddings;
  return `hybrid: ${provider.name} ${provider.model} (${provider.dimensions} dimensions) + full text, ${pgvector}${embedded ? `; embedded ${embedded} products` : ''}`;
}

/** Products new or changed since the last run get their embeddings before serving. */
async function embedPendingProducts(db: DatabasePort, embeddings: ProviderOutcome, capabilities: DatabaseCapabilities, logger: Logger): Promise<number | undefined> {
  if (embeddings.status !== 'ready' || vectorsUnavailableReason(capabilities)) return undefined;
  try {
    return (await embedProducts(db, embeddings.provider, { capabilities })).embedded;
  } catch (error) {
    logger.warn(`could not embed products: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return undefined;
  }
}

function serveArguments(store: string, flags: ServeFlags): string[] {
  const args = ['serve', '--store', store];
  if (flags.statementTimeout !== undefined) args.push('--statement-timeout', String(flags.statementTimeout));
  if (flags.rowLimit !== undefined) args.push('--row-limit', String(flags.rowLimit));
  if (flags.byteLimit !== undefined) args.push('--byte-limit', String(flags.byteLimit));
  if (flags.embeddings !== undefined) args.push('--embeddings', flags.embeddings);
  return args;
}

/** Where the client's server finds the same database; never a credential. */
function connectionEnv(db: DatabasePort, dataDir: string, flags: ServeFlags): Record<string, string> {
  if (db.info.engine === 'postgres') return { DATABASE_URL: '<your postgres:// connection string>' };
  return flags.dataDir !== undefined || process.env.ZAVA_DATA_DIR ? { ZAVA_DATA_DIR: dataDir } : {};
}

/** Serves until the client closes stdin or a signal arrives, then closes the database cleanly. */
function waitForShutdown(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let closing = false;
    const stop = () => {
      if (closing) return;
      closing = true;
      void close().finally(resolve);
    };
    process.stdin.once('end', stop);
    process.stdin.once('close', stop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
