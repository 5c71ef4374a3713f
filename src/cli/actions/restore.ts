import { resolveUserPath } from '../../config/userPath.js';
import { restoreDataDir } from '../../db/pglite/restoreDataDir.js';
import { ZavaError } from '../../errors.js';
import { decodeBackup } from '../../services/backup/backupFile.js';
import { countRows, isInitialised } from '../../services/databaseStatus.js';
import { settingsFor } from '../commandSettings.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';

export interface RestoreFlags {
  dataDir?: string;
  force: boolean;
}

export async function runRestore(file: string, flags: RestoreFlags): Promise<number> {
  try {
    const settings = settingsFor({ dataDir: flags.dataDir });
    if (settings.databaseUrl && flags.dataDir === undefined) {
      throw new ZavaError('usage', 'restore writes an embedded data directory; pass --data-dir (DATABASE_URL names a PostgreSQL server: restore an export with psql there)');
    }
    if (settings.dataDir.startsWith('memory://')) throw new ZavaError('usage', 'restore needs a data directory, not memory://');
    const { header, tarball } = decodeBackup(resolveUserPath(file));
    const summary = await restoreDataDir(settings.dataDir, tarball, {
      force: flags.force,
      verify: async (db) => {
        if (!(await isInitialised(db))) throw new ZavaError('invalid_argument', `${file} holds no Zava database`);
        const counts = await countRows(db);
        return `${counts.customers} customers, ${counts.products} products, ${counts.sales_transactions} transactions`;
      },
    });
    process.stdout.write(`Restored ${settings.dataDir} from ${file} (taken ${header.createdAt} from ${header.source}): ${summary}\n`);
    return EXIT_OK;
  } catch (error) {
    return reportFailure('restore', error);
  }
}
