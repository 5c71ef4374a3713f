import { loadSettings, type Settings } from '../config/settings.js';
import { ZavaError } from '../errors.js';
import type { DatabaseFlags } from './databaseOptions.js';

/** Settings for a command: its flags over the environment, validated once. */
export function settingsFor(flags: DatabaseFlags & Partial<Record<keyof Settings, unknown>>): Settings {
  if (flags.dataDir !== undefined && flags.databaseUrl !== undefined) {
    throw new ZavaError('usage', 'give either --data-dir or --database-url, not both');
  }
  const settings = loadSettings({ overrides: flags });
  // An explicit --data-dir means the embedded database even when DATABASE_URL is set.
  return flags.dataDir !== undefined ? { ...settings, databaseUrl: undefined } : settings;
}
