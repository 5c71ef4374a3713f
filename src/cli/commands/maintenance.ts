import type { Command } from 'commander';
import { openDatabase } from '../../db/openDatabase.js';
import { runMaintenance } from '../../services/maintenance.js';
import { addDatabaseOptions, settingsFor, type DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';

export function registerMaintenanceCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(program.command('maintenance').description('VACUUM, REINDEX and ANALYZE the retail tables, and log it in the audit log')).action(
    async (flags: DatabaseFlags) => setExitCode(await runMaintenanceCommand(flags)),
  );
}

async function runMaintenanceCommand(flags: DatabaseFlags): Promise<number> {
  try {
    const db = await openDatabase(settingsFor(flags));
    try {
      await runMaintenance(db, (step) => process.stdout.write(`${step.statement.split(' retail.')[0]} ... ${step.ms.toFixed(0)} ms\n`));
      return EXIT_OK;
    } finally {
      await db.close();
    }
  } catch (error) {
    return reportFailure('maintenance', error);
  }
}
