import { migrate } from '../../db/migrations/migrate.js';
import { openDatabase } from '../../db/openDatabase.js';
import { configureApplicationRole } from '../../services/applicationRole.js';
import { settingsFor } from '../commandSettings.js';
import type { DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';

export async function runMigrate(flags: DatabaseFlags): Promise<number> {
  try {
    const settings = settingsFor(flags);
    const db = await openDatabase(settings, { create: false });
    try {
      const report = await db.transaction({ role: 'owner' }, async (tx) => {
        const applied = await migrate(tx);
        await configureApplicationRole(tx, settings);
        return applied;
      });
      process.stdout.write(
        `${report.applied.length > 0 ? `applied: ${report.applied.join(', ')}` : 'schema is up to date'}\n` +
          (report.waiting.length > 0 ? `waiting: ${report.waiting.join('; ')}\n` : ''),
      );
      return EXIT_OK;
    } finally {
      await db.close();
    }
  } catch (error) {
    return reportFailure('migrate', error);
  }
}
