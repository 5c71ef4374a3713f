import type { Command } from 'commander';
import { openDatabase } from '../../db/openDatabase.js';
import { DEFAULT_SEED } from '../../seed/options.js';
import { addDatabaseOptions } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { parseIsoDate, parseNonNegativeInteger, parseScale } from '../optionParsers.js';
import { createProgressReporter } from '../progressBar.js';
import { datasetFor, seedDatabase, type DatasetFlags } from '../seedDatabase.js';

export interface InitFlags extends DatasetFlags {
  force: boolean;
}

/** --seed, --scale, --as-of and --embeddings: what init and reset generate. */
export function addDatasetOptions(command: Command): Command {
  return command
    .option('--seed <n>', 'random seed: the same seed, scale and date give identical data', parseNonNegativeInteger, DEFAULT_SEED)
    .option('--scale <factor>', 'multiply customers, products and transactions', parseScale, 1)
    .option('--as-of <YYYY-MM-DD>', 'last day of the 12 months of sales (default: today, UTC)', parseIsoDate)
    .option('--embeddings <provider>', 'embed the products with local, openai or azure; none to skip (env ZAVA_EMBEDDINGS)');
}

export function registerInitCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatasetOptions(
    addDatabaseOptions(
      program
        .command('init')
        .description('create the schema and the sample data (4 stores, 2,000 customers, 500 products, 5,000 transactions at scale 1)'),
    ),
  )
    .option('--force', 'replace an existing Zava database', false)
    .action(async (flags: InitFlags) => setExitCode(await runInit(flags)));
}

async function runInit(flags: InitFlags): Promise<number> {
  const progress = createProgressReporter();
  try {
    const { settings, dataset } = datasetFor(flags);
    const db = await openDatabase(settings);
    let summary: string;
    try {
      summary = await seedDatabase(db, settings, { ...dataset, force: flags.force }, progress);
    } finally {
      await db.close();
    }
    // The wall time the user waited: from the start of the process to the database closed on disk.
    // The generator streams: peak memory stays near its baseline whatever the scale (PGlite's memory counts here too).
    const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(`${summary}  took ${process.uptime().toFixed(1)} s, peak memory ${peakMb} MB\n`);
    return EXIT_OK;
  } catch (error) {
    progress.stop();
    return reportFailure('init', error);
  }
}
