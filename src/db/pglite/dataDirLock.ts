import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ZavaError } from '../../errors.js';

const LOCK_FILE = 'zava.lock';

/**
 * PGlite has no postmaster to stop two processes opening one data directory, and
 * two writers corrupt it. A lock file with our pid keeps the second one out; a lock
 * left by a process that no longer runs is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
        throw new ZavaError('database_unavailable', `the data directory is in use by another zava-mcp process (pid ${holder}); stop it or use another --data-dir`);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new ZavaError('database_unavailable', 'could not lock the data directory');
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
