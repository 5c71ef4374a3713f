import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMemoryLocation } from '../../config/userPath.js';
import { ZavaError } from '../../errors.js';

/** What a PGlite data directory path holds, before anything is opened or created. */
export type DataDirState = 'missing' | 'empty' | 'cluster' | 'other';

/** Every PostgreSQL data directory has this file; PGlite's too. */
const CLUSTER_MARKER = 'PG_VERSION';
/** Left by a process that held the directory; not data of the user's. */
const OWN_FILES = new Set(['zava.lock']);

export function dataDirState(dataDir: string): DataDirState {
  let stat;
  try {
    stat = statSync(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw dataDirError(error, dataDir);
  }
  if (!stat.isDirectory()) throw new ZavaError('database_unavailable', `the data directory ${dataDir} is a file, not a directory; pass --data-dir (or ZAVA_DATA_DIR) naming a directory`);
  if (existsSync(path.join(dataDir, CLUSTER_MARKER))) return 'cluster';
  try {
    return readdirSync(dataDir).filter((name) => !OWN_FILES.has(name)).length === 0 ? 'empty' : 'other';
  } catch (error) {
    throw dataDirError(error, dataDir);
  }
}

/**
 * Commands other than `init` and the first start of `serve` use a database that
 * exists: they must not leave a new, empty cluster behind where the user mistyped
 * a path.
 */
export function requireExistingDatabase(dataDir: string): void {
  if (isMemoryLocation(dataDir)) {
    throw new ZavaError(
      'database_not_initialised',
      'a memory:// database is empty by definition: it lives only inside one process; pass --data-dir DIR (zava-mcp init --data-dir DIR creates one)',
    );
  }
  const state = dataDirState(dataDir);
  if (state === 'cluster') return;
  const what = state === 'missing' ? 'the directory does not exist' : state === 'empty' ? 'the directory is empty' : 'the directory holds no PostgreSQL data directory';
  throw new ZavaError('database_not_initialised', `no Zava database at ${dataDir} (${what}); run \`zava-mcp init --data-dir ${dataDir}\` first`);
}

/** A new database goes into a new or empty directory, never among someone's files. */
export function refuseForeignDirectory(dataDir: string): void {
  if (isMemoryLocation(dataDir) || dataDirState(dataDir) !== 'other') return;
  throw new ZavaError('database_unavailable', `the directory ${dataDir} holds other files and no database; choose a new or empty directory for --data-dir`);
}

const CAUSES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file of that name is in the way',
  ENOSPC: 'no space left on the device',
  EISDIR: 'a directory is in the way',
};

/**
 * A file-system error on the data directory as one line: the path, the cause and
 * its code, and what to do. PGlite writes to its directory even to read, so a
 * read-only directory is refused as clearly as a missing permission.
 */
export function dataDirError(error: unknown, dataDir: string, doing = 'use'): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined || !(code in CAUSES)) return error;
  const denied = code === 'EROFS' || code === 'EACCES' || code === 'EPERM';
  const remedy =
    denied && doing !== 'create'
      ? 'PGlite writes to its data directory even to read; make it writable, or choose another with --data-dir or ZAVA_DATA_DIR'
      : denied
        ? 'choose a directory you can write to with --data-dir or ZAVA_DATA_DIR'
        : 'choose another with --data-dir or ZAVA_DATA_DIR';
  return new ZavaError('database_unavailable', `cannot ${doing} the data directory ${dataDir}: ${CAUSES[code]} (${code}); ${remedy}`, { code }, { cause: error });
}

/** Bytes of every file under a directory (what it takes on disk, near enough). */
export function dataDirBytes(dataDir: string): number {
  let total = 0;
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    const full = path.join(dataDir, entry.name);
    if (entry.isDirectory()) total += dataDirBytes(full);
    else if (entry.isFile()) total += lstatSync(full).size;
  }
  return total;
}
