import type { Command } from 'commander';
import { addDatabaseOptions, type DatabaseFlags } from '../databaseOptions.js';

export function registerMigrateCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(
    program
      .command('migrate')
      .description('apply pending schema migrations without touching data (and set the mcp_user password from ZAVA_APP_PASSWORD and its temp_file_limit)'),
  ).action(async (flags: DatabaseFlags) => setExitCode(await (await import('../actions/migrate.js')).runMigrate(flags)));
}
