import type { Command } from 'commander';
import { resolveUserPath } from '../../config/userPath.js';
import { restoreDataDir } from '../../db/pglite/restoreDataDir.js';
import { ZavaError } from '../../errors.js';
import { decodeBackup } from '../../services/backup/backupFile.js';
import { countRows, isInitialised } from '../../services/databaseStatus.js';
import { settingsFor } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';

interface RestoreFlags {
  dataDir?: string;
  force: boolean;
}

export function registerRestoreCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('restore <file>')
    .description('restore an embedded data directory from a `zava-mcp backup` file (checked first; built beside, then renamed into place)')
    .option('--data-dir <dir>', 'the data directory to restore into (env ZAVA_DATA_DIR)')
    .option('--force', 'replace a directory that holds a database', false)
    .action(async (file: string, flags: RestoreFlags) => setExitCode(await runRestore(file, flags)));
}

async function runRestore(file: string, flags: RestoreFlags): Promise<number> {
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
