import os from 'node:os';
import path from 'node:path';

/** A throwaway database lives in memory, not in a directory. */
export function isMemoryLocation(location: string): boolean {
  return location.startsWith('memory://');
}

/**
 * A path as the user meant it, absolute: `~` and `~/...` are the home directory
 * (a shell leaves `--data-dir=~/x` unexpanded), and a relative path is taken from
 * the working directory now, so that what is printed (the banner's client
 * snippets) and what a later process opens are the same directory.
 */
export function resolveUserPath(value: string): string {
  if (isMemoryLocation(value)) return value;
  if (value === '~') return os.homedir();
  if (value.startsWith('~/') || value.startsWith('~\\')) return path.join(os.homedir(), value.slice(2));
  return path.resolve(value);
}
