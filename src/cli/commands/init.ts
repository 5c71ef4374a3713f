import type { Command } from 'commander';
import type { Settings } from '../../config/settings.js';
import { detectCapabilities, vectorsUnavailableReason } from '../../db/capabilities.js';
import { openDatabase } from '../../db/openDatabase.js';
import type { DatabasePort } from '../../db/port.js';
import { createEmbeddingProvider } from '../../embeddings/factory.js';
import { parseGenerateOptions } from '../../seed/index.js';
import { embedProducts } from '../../services/embedProducts.js';
import { initialiseDatabase } from '../../services/initialiseDatabase.js';
import { addDatabaseOptions, settingsFor, type DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { parseIsoDate, parseNonNegativeInteger, parseScale, todayUtc } from '../optionParsers.js';
import { createProgressReporter } from '../progressBar.js';

interface InitFlags extends DatabaseFlags {
  embeddings?: string;
  seed: number;
  scale: number;
  asOf?: string;
  force: boolean;
}

export const DEFAULT_SEED = 42;

export function registerInitCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(
    program
      .command('init')
      .description('create the schema and the sample data (4 stores, 2,000 customers, 500 products, 5,000 transactions at scale 1)'),
  )
    .option('--seed <n>', 'random seed: the same seed, scale and date give identical data', parseNonNegativeInteger, DEFAULT_SEED)
    .option('--scale <factor>', 'multiply customers, products and transactions', parseScale, 1)
    .option('--as-of <YYYY-MM-DD>', 'last day of the 12 months of sales (default: today, UTC)', parseIsoDate)
    .option('--force', 'replace an existing Zava database', false)
    .option('--embeddings <provider>', 'embed the products with local, openai or azure; none to skip (env ZAVA_EMBEDDINGS)')
    .action(async (flags: InitFlags) => setExitCode(await runInit(flags)));
}

/** Embeds the new products when a provider is available; otherwise says why search is full text only. */
async function embedAfterInit(db: DatabasePort, settings: Settings, progress: ReturnType<typeof createProgressReporter>): Promise<string> {
  const capabilities = await detectCapabilities(db);
  const unavailable = vectorsUnavailableReason(capabilities);
  if (unavailable) return `semantic search: unavailable (${unavailable}); full-text search works`;
  const outcome = await createEmbeddingProvider(settings);
  if (outcome.status === 'disabled') return 'semantic search: embeddings are turned off (ZAVA_EMBEDDINGS=none); full-text search works';
  if (outcome.status === 'unavailable') return `semantic search: not yet (${outcome.reason}); then run \`zava-mcp embed\``;
  try {
    const report = await embedProducts(db, outcome.provider, { capabilities, onProgress: (p) => progress.update(p) });
    progress.stop();
    return `semantic search: embedded ${report.embedded} products with ${report.model} (${report.dimensions} dimensions)`;
  } finally {
    await outcome.provider.close?.();
  }
}

async function runInit(flags: InitFlags): Promise<number> {
  const progress = createProgressReporter();
  try {
    const settings = settingsFor({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl, embeddings: flags.embeddings });
    const asOf = flags.asOf ?? todayUtc();
    // Every option is checked before the database is opened, so bad input writes nothing.
    parseGenerateOptions({ seed: flags.seed, scale: flags.scale, asOf });
    const db = await openDatabase(settings);
    let summary: string;
    try {
      const report = await initialiseDatabase(db, {
        seed: flags.seed,
        scale: flags.scale,
        asOf,
        force: flags.force,
        appPassword: settings.appPassword,
        tempFileLimitMb: settings.tempFileLimitMb,
        onProgress: (p) => progress.update(p),
      });
      progress.stop();
      const search = await embedAfterInit(db, settings, progress);
      const { counts } = report;
      summary =
        `${report.replaced ? 'Replaced' : 'Created'} the Zava database on ${db.info.engine} at ${db.info.location}` +
        ` (seed ${flags.seed}, scale ${flags.scale}, sales to ${asOf}):\n` +
        `  ${counts.stores} stores, ${counts.customers} customers, ${counts.products} products, ` +
        `${counts.sales_transactions} transactions, ${counts.sales_transaction_items} lines\n` +
        (report.migrations.waiting.length > 0
          ? `  not applied: ${report.migrations.waiting.join('; ')} - semantic search is unavailable on this database\n`
          : '') +
        `  ${search}\n`;
    } finally {
      await db.close();
    }
    // The wall time the user waited: from the start of the process to the database closed on disk.
    process.stdout.write(`${summary}  took ${process.uptime().toFixed(1)} s\n`);
    return EXIT_OK;
  } catch (error) {
    progress.stop();
    return reportFailure('init', error);
  }
}
