import type { Command } from 'commander';
import { addDatabaseOptions } from '../databaseOptions.js';
import type { ExportFlags } from '../actions/export.js';

export function registerExportCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(
    program
      .command('export')
      .description('a plain SQL file of the Zava database that `psql -v ON_ERROR_STOP=1 -f FILE` restores into an empty PostgreSQL 15 to 18 database'),
  )
    .option('--out <file>', 'write the SQL here (default: standard output, when it is not a terminal)')
    .action(async (flags: ExportFlags) => setExitCode(await (await import('../actions/export.js')).runExport(flags)));
}
