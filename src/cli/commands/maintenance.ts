import type { Command } from 'commander';
import { addDatabaseOptions, type DatabaseFlags } from '../databaseOptions.js';

export function registerMaintenanceCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(program.command('maintenance').description('VACUUM, REINDEX and ANALYZE the retail tables, and log it in the audit log')).action(
    async (flags: DatabaseFlags) => setExitCode(await (await import('../actions/maintenance.js')).runMaintenanceCommand(flags)),
  );
}
