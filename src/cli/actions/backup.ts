import { existsSync } from 'node:fs';
import { resolveUserPath } from '../../config/userPath.js';
import { openDatabase } from '../../db/openDatabase.js';
import { ZavaError } from '../../errors.js';
import { packageVersion } from '../../packageRoot.js';
import { encodeBackup } from '../../services/backup/backupFile.js';
import { countRows, isInitialised } from '../../services/databaseStatus.js';
import { settingsFor } from '../commandSettings.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { formatBytes } from '../formatBytes.js';
import { writeBeside } from '../writeBeside.js';

export interface BackupFlags {
  dataDir?: string;
  out?: string;
  force: boolean;
}

export async function runBackup(flags: BackupFlags): Promise<number> {
  try {
    const settings = settingsFor({ dataDir: flags.dataDir });
    if (settings.databaseUrl && flags.dataDir === undefined) {
      throw new ZavaError('usage', 'backup copies an embedded data directory; for the PostgreSQL server in DATABASE_URL use pg_dump, or zava-mcp export');
    }
    const out = resolveUserPath(flags.out ?? `zava-backup-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.zbak`);
    if (existsSync(out) && !flags.force) throw new ZavaError('usage', `${out} exists; pass --force to replace it`);
    const db = await openDatabase(settings, { create: false });
    let bytes: Buffer;
    let what: string;
    try {
      if (!(await isInitialised(db))) throw new ZavaError('database_not_initialised', `no Zava database at ${db.info.location} to back up`);
      const counts = await countRows(db);
      what = `${counts.customers} customers, ${counts.products} products, ${counts.sales_transactions} transactions`;
      const tarball = await db.snapshotDataDir();
      bytes = encodeBackup(tarball, { createdAt: new Date().toISOString(), zavaVersion: packageVersion(), serverVersion: db.info.serverVersion, source: db.info.location });
    } finally {
      await db.close();
    }
    const file = await writeBeside(out);
    try {
      await file.write(bytes);
      await file.commit();
    } catch (error) {
      await file.abandon();
      throw error;
    }
    process.stdout.write(`Backed up ${settings.dataDir} (${what}) to ${out}: ${formatBytes(bytes.length)}, sha256 checked on restore\n`);
    return EXIT_OK;
  } catch (error) {
    return reportFailure('backup', error);
  }
}
