import type { Command } from 'commander';
import { addDatabaseOptions } from '../databaseOptions.js';
import { addDatasetOptions } from '../datasetOptions.js';
import type { ResetFlags } from '../actions/reset.js';

export function registerResetCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatasetOptions(
    addDatabaseOptions(
      program.command('reset').description('re-create the sample data, replacing everything the Zava database holds (asks first on a terminal; --yes for scripts)'),
    ),
  )
    .option('--yes', 'replace without asking', false)
    .action(async (flags: ResetFlags) => setExitCode(await (await import('../actions/reset.js')).runReset(flags)));
}
