import { openDatabase } from '../../db/openDatabase.js';
import { createEmbeddingProvider } from '../../embeddings/factory.js';
import { ZavaError } from '../../errors.js';
import { embedProducts } from '../../services/embedProducts.js';
import { settingsFor } from '../commandSettings.js';
import type { DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { createProgressReporter } from '../progressBar.js';

export interface EmbedFlags extends DatabaseFlags {
  embeddings?: string;
  batchSize?: number;
}

export async function runEmbed(flags: EmbedFlags): Promise<number> {
  const progress = createProgressReporter();
  try {
    const settings = settingsFor({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl, embeddings: flags.embeddings });
    const outcome = await createEmbeddingProvider(settings);
    if (outcome.status === 'disabled') throw new ZavaError('usage', 'embeddings are turned off (ZAVA_EMBEDDINGS=none); choose local, openai or azure');
    if (outcome.status === 'unavailable') throw new ZavaError('feature_unavailable', outcome.reason);
    const db = await openDatabase(settings, { create: false });
    try {
      const report = await embedProducts(db, outcome.provider, { onProgress: (p) => progress.update(p) });
      progress.stop();
      process.stdout.write(
        `${report.model} (${report.dimensions} dimensions): embedded ${report.embedded} products, ${report.unchanged} already current, in ${(report.elapsedMs / 1000).toFixed(1)} s\n`,
      );
      return EXIT_OK;
    } finally {
      await db.close();
      await outcome.provider.close?.();
    }
  } catch (error) {
    progress.stop();
    return reportFailure('embed', error);
  }
}
