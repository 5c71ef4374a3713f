import type { Settings } from '../config/settings.js';
import { isMemoryLocation, resolveUserPath } from '../config/userPath.js';
import { openDatabase } from '../db/openDatabase.js';
import type { DatabasePort } from '../db/port.js';
import { ZavaError } from '../errors.js';

const URL_PATTERN = /^postgres(ql)?:\/\//;

/** `--from`/`--to` of copy: a postgres:// URL, or an embedded data directory. */
export interface DatabaseTarget {
  kind: 'url' | 'directory';
  /** The URL as given, or the directory made absolute. */
  value: string;
}

export function parseTarget(spec: string, flag: string): DatabaseTarget {
  if (URL_PATTERN.test(spec)) return { kind: 'url', value: spec };
  if (isMemoryLocation(spec)) throw new ZavaError('usage', `${flag} memory:// names no database another process can reach; give a data directory or a postgres:// URL`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) throw new ZavaError('usage', `${flag} takes a data directory or a postgres:// URL, not ${spec.split('://')[0]}://`);
  return { kind: 'directory', value: resolveUserPath(spec) };
}

/** Opens a target with the program's settings; an embedded one is created only when `create`. */
export function openTarget(target: DatabaseTarget, settings: Settings, create: boolean): Promise<DatabasePort> {
  const where = target.kind === 'url' ? { databaseUrl: target.value } : { dataDir: target.value, databaseUrl: undefined };
  return openDatabase({ ...settings, appDatabaseUrl: undefined, poolSize: 2, ...where }, { create });
}
