import type { Settings } from '../config/settings.js';
import { parseGenerateOptions } from '../seed/index.js';
import { settingsFor } from './commandSettings.js';
import type { DatabaseFlags } from './databaseOptions.js';
import { todayUtc } from './optionParsers.js';
import { detectCapabilities, vectorsUnavailableReason } from '../db/capabilities.js';
import type { DatabasePort } from '../db/port.js';
import { createEmbeddingProvider } from '../embeddings/factory.js';
import { embedProducts } from '../services/embedProducts.js';
import { initialiseDatabase } from '../services/initialiseDatabase.js';
import type { createProgressReporter } from './progressBar.js';

export interface SeedFlags {
  seed: number;
  scale: number;
  asOf: string;
  /** Replace an existing Zava database. */
  force: boolean;
}

type Progress = ReturnType<typeof createProgressReporter>;

/** The dataset options of init and reset, as commander hands them over. */
export interface DatasetFlags extends DatabaseFlags {
  embeddings?: string;
  seed: number;
  scale: number;
  asOf?: string;
}

/**
 * The settings and the dataset for init and reset. Every option is checked here,
 * before the database is opened, so that bad input writes nothing.
 */
export function datasetFor(flags: DatasetFlags): { settings: Settings; dataset: Omit<SeedFlags, 'force'> } {
  const settings = settingsFor({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl, embeddings: flags.embeddings });
  const dataset = { seed: flags.seed, scale: flags.scale, asOf: flags.asOf ?? todayUtc() };
  parseGenerateOptions(dataset);
  return { settings, dataset };
}

/**
 * What init and reset do once the database is open: the schema and the sample data
 * in one transaction, then the products embedded when a provider is ready. Returns
 * the summary to print.
 */
export async function seedDatabase(db: DatabasePort, settings: Settings, flags: SeedFlags, progress: Progress): Promise<string> {
  const report = await initialiseDatabase(db, {
    seed: flags.seed,
    scale: flags.scale,
    asOf: flags.asOf,
    force: flags.force,
    appPassword: settings.appPassword,
    tempFileLimitMb: settings.tempFileLimitMb,
    onProgress: (p) => progress.update(p),
  });
  progress.stop();
  const search = await embedAfterInit(db, settings, progress);
  const { counts } = report;
  return (
    `${report.replaced ? 'Replaced' : 'Created'} the Zava database on ${db.info.engine} at ${db.info.location}` +
    ` (seed ${flags.seed}, scale ${flags.scale}, sales to ${flags.asOf}):\n` +
    `  ${counts.stores} stores, ${counts.customers} customers, ${counts.products} products, ` +
    `${counts.sales_transactions} transactions, ${counts.sales_transaction_items} lines\n` +
    (report.migrations.waiting.length > 0 ? `  not applied: ${report.migrations.waiting.join('; ')} - semantic search is unavailable on this database\n` : '') +
    `  ${search}\n`
  );
}

/** Embeds the new products when a provider is available; otherwise says why search is full text only. */
async function embedAfterInit(db: DatabasePort, settings: Settings, progress: Progress): Promise<string> {
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
