import type { Command } from 'commander';
import { addDatabaseOptions } from '../databaseOptions.js';
import { addDatasetOptions } from '../datasetOptions.js';
import type { InitFlags } from '../actions/init.js';

export function registerInitCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatasetOptions(
    addDatabaseOptions(
      program
        .command('init')
        .description('create the schema and the sample data (4 stores, 2,000 customers, 500 products, 5,000 transactions at scale 1)'),
    ),
  )
    .option('--force', 'replace an existing Zava database', false)
    .action(async (flags: InitFlags) => setExitCode(await (await import('../actions/init.js')).runInit(flags)));
}
