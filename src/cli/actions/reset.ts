import { openDatabase } from '../../db/openDatabase.js';
import { ZavaError } from '../../errors.js';
import { countRows, isInitialised } from '../../services/databaseStatus.js';
import { confirmed } from '../confirm.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { createProgressReporter } from '../progressBar.js';
import { datasetFor, seedDatabase, type DatasetFlags } from '../seedDatabase.js';

export interface ResetFlags extends DatasetFlags {
  yes: boolean;
}

export async function runReset(flags: ResetFlags): Promise<number> {
  const progress = createProgressReporter();
  try {
    const { settings, dataset } = datasetFor(flags);
    const db = await openDatabase(settings, { create: false });
    let summary: string;
    try {
      if (!(await isInitialised(db))) throw new ZavaError('database_not_initialised', `no Zava database at ${db.info.location} to reset; \`zava-mcp init\` creates one`);
      const counts = await countRows(db);
      const what = `${counts.customers} customers, ${counts.products} products, ${counts.sales_transactions} transactions`;
      if (!(await confirmed(`Replace the Zava database at ${db.info.location} (${what}) with new sample data?`, flags.yes))) {
        process.stderr.write('zava-mcp reset: nothing changed\n');
        return EXIT_OK;
      }
      summary = await seedDatabase(db, settings, { ...dataset, force: true }, progress);
    } finally {
      await db.close();
    }
    process.stdout.write(`${summary}  took ${process.uptime().toFixed(1)} s\n`);
    return EXIT_OK;
  } catch (error) {
    progress.stop();
    return reportFailure('reset', error);
  }
}
