import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ZavaError } from '../../errors.js';
import { dataDirError, dataDirState } from './dataDirectory.js';

const LOCK_FILE = 'zava.lock';

/** What the lock file says about the process holding a data directory. */
const lockHolderSchema = z.object({
  pid: z.number().int().positive(),
  /** The zava-mcp command it runs (`serve`, `db serve`, `sql`...), never its arguments. */
  command: z.string(),
  startedAt: z.string(),
  /** The wire-protocol door, when open: a postgres:// URL without credentials. */
  wireUrl: z.string().optional(),
  /** The MCP server's Streamable HTTP endpoint, when it serves over HTTP. */
  httpUrl: z.string().optional(),
});

export type LockHolder = z.infer<typeof lockHolderSchema>;

export interface DataDirLock {
  /** Records (or clears) the wire-protocol door's URL, for `sql` and `status` to show. */
  setWireUrl(url: string | undefined): void;
  /** Records (or clears) the MCP HTTP endpoint, likewise. */
  setHttpUrl(url: string | undefined): void;
  release(): void;
}

/**
 * PGlite has no postmaster to stop two processes opening one data directory, and
 * two writers corrupt it. A lock file with our pid keeps the second one out; a lock
 * left by a process that no longer runs is taken over. It also says which command
 * holds the directory and how to reach its database meanwhile.
 */
export function lockDataDir(dataDir: string, create: boolean): DataDirLock {
  if (create && dataDirState(dataDir) === 'missing') {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw dataDirError(error, dataDir, 'create');
    }
  }
  const lockPath = path.join(dataDir, LOCK_FILE);
  let holder: LockHolder = { pid: process.pid, command: currentCommand(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      const note = (door: 'wireUrl' | 'httpUrl', url: string | undefined) => {
        holder = { ...holder, [door]: url };
        if (url === undefined) delete holder[door];
        rewrite(lockPath, holder);
      };
      return {
        setWireUrl: (url) => note('wireUrl', url),
        setHttpUrl: (url) => note('httpUrl', url),
        release: () => rmSync(lockPath, { force: true }),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw dataDirError(error, dataDir, 'write to');
      const other = readLockHolder(dataDir);
      if (other && other.pid !== process.pid) throw new ZavaError('database_unavailable', describeHolder(dataDir, other));
      rmSync(lockPath, { force: true });
    }
  }
  throw new ZavaError('database_unavailable', `could not lock the data directory ${dataDir}`);
}

/** The running process that holds a data directory, if any (a stale lock is no holder). */
export function readLockHolder(dataDir: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, LOCK_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const holder = parseHolder(text);
  return holder && isRunning(holder.pid) ? holder : undefined;
}

/** One line: who holds the directory and how to reach its database meanwhile. */
export function describeHolder(dataDir: string, holder: LockHolder): string {
  const who = `the data directory ${dataDir} is in use by \`zava-mcp ${holder.command}\` (pid ${holder.pid})`;
  if (holder.wireUrl) return `${who}; its database is open to PostgreSQL clients meanwhile: psql '${holder.wireUrl}'`;
  if (holder.httpUrl) return `${who}, serving MCP at ${holder.httpUrl}; stop it first, or start it with --pg-port <port> to reach its database with psql while it runs`;
  if (holder.command === 'serve') return `${who}; stop it first, or start it with --pg-port <port> to reach its database with psql while it runs`;
  return `${who}; wait for it to finish, or stop it`;
}

function parseHolder(text: string): LockHolder | undefined {
  // Before the lock said more, it held only the pid.
  if (/^\d+$/.test(text.trim())) return { pid: Number(text.trim()), command: 'serve', startedAt: '' };
  try {
    const parsed = lockHolderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The command's words (`serve`, `db serve`), never its options: they may carry a connection string. */
function currentCommand(): string {
  const words: string[] = [];
  for (const arg of process.argv.slice(2)) {
    if (arg.startsWith('-') || words.length === 2) break;
    words.push(arg);
  }
  return words.length > 0 ? words.join(' ') : 'serve';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Beside, then renamed: a reader never sees half a file. */
function rewrite(lockPath: string, holder: LockHolder): void {
  const next = `${lockPath}.${process.pid}`;
  writeFileSync(next, JSON.stringify(holder));
  renameSync(next, lockPath);
}
