import { openDatabase } from '../../db/openDatabase.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { createProgressReporter } from '../progressBar.js';
import { datasetFor, seedDatabase, type DatasetFlags } from '../seedDatabase.js';

export interface InitFlags extends DatasetFlags {
  force: boolean;
}

export async function runInit(flags: InitFlags): Promise<number> {
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
