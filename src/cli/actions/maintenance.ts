import { openDatabase } from '../../db/openDatabase.js';
import { runMaintenance, type MaintenanceStep } from '../../services/maintenance.js';
import { settingsFor } from '../commandSettings.js';
import type { DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { formatBytes } from '../formatBytes.js';

export async function runMaintenanceCommand(flags: DatabaseFlags): Promise<number> {
  try {
    const db = await openDatabase(settingsFor(flags), { create: false });
    try {
      await runMaintenance(db, (step) => process.stdout.write(`${describeStep(step)}\n`));
      return EXIT_OK;
    } finally {
      await db.close();
    }
  } catch (error) {
    return reportFailure('maintenance', error);
  }
}

/** `VACUUM: vacuumed ... (12.1 MB -> 11.8 MB, 347 ms)`: the command, what it did, and what it changed. */
function describeStep(step: MaintenanceStep): string {
  const command = step.statement.startsWith('SELECT') ? 'ANALYZE' : step.statement.split(' ')[0];
  const size = step.bytes ? `${formatBytes(step.bytes.before)} -> ${formatBytes(step.bytes.after)}, ` : '';
  return `${command}: ${step.did} (${size}${step.ms.toFixed(0)} ms)`;
}
