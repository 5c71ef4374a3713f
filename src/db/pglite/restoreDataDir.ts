import { existsSync, renameSync, rmSync } from 'node:fs';
import { Database } from '../database.js';
import type { DatabasePort } from '../port.js';
import { ZavaError } from '../../errors.js';
import { describeHolder, lockDataDir, readLockHolder } from './dataDirLock.js';
import { dataDirError, dataDirState } from './dataDirectory.js';
import { PgliteDriver } from './driver.js';

export interface RestoreOptions {
  /** Replace a directory that holds a database. */
  force: boolean;
  /** Checks the restored database before it goes into place (it must be a Zava database); resolves with what to report. */
  verify: (db: DatabasePort) => Promise<string>;
}

/**
 * Restores a data directory from a tarball: built beside the destination, checked,
 * closed cleanly, and only then renamed into place, so that an interrupted or
 * failed restore leaves the destination as it was. A database already there is
 * replaced only with `force`, and never while a process holds it.
 */
export async function restoreDataDir(dataDir: string, tarball: Uint8Array, options: RestoreOptions): Promise<string> {
  const state = dataDirState(dataDir);
  if (state === 'cluster' || state === 'other') {
    const holder = readLockHolder(dataDir);
    if (holder) throw new ZavaError('database_unavailable', describeHolder(dataDir, holder));
    if (!options.force) throw new ZavaError('database_exists', `${dataDir} already holds ${state === 'cluster' ? 'a database' : 'files'}; pass --force to replace it`);
  }
  const staging = `${dataDir}.restoring-${process.pid}`;
  const replaced = `${dataDir}.replaced-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let summary: string;
  try {
    const db = new Database(await PgliteDriver.open({ dataDir: staging, snapshot: tarball }));
    try {
      summary = await options.verify(db);
    } finally {
      await db.close();
    }
    // The source's lock came along in the tarball; it means nothing here.
    rmSync(`${staging}/zava.lock`, { force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  // Keep other zava-mcp processes out while the directories change places.
  const lock = state === 'missing' || state === 'empty' ? undefined : lockDataDir(dataDir, false);
  try {
    if (state !== 'missing') renameSync(dataDir, replaced);
    try {
      renameSync(staging, dataDir);
    } catch (error) {
      if (state !== 'missing') renameSync(replaced, dataDir);
      throw dataDirError(error, dataDir, 'replace');
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    lock?.release();
    throw dataDirError(error, dataDir, 'replace');
  }
  if (existsSync(replaced)) rmSync(replaced, { recursive: true, force: true });
  return summary;
}
