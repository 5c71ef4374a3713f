import type { Command } from 'commander';
import { loadSettings, type Settings } from '../config/settings.js';
import { ZavaError } from '../errors.js';

export interface DatabaseFlags {
  dataDir?: string;
  databaseUrl?: string;
}

/** --data-dir and --database-url, shared by every command that opens the database. */
export function addDatabaseOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'embedded database directory (env ZAVA_DATA_DIR; memory:// for a throwaway one)')
    .option('--database-url <url>', 'PostgreSQL server instead of the embedded database (env DATABASE_URL)');
}

/** Settings for a command: its flags over the environment, validated once. */
export function settingsFor(flags: DatabaseFlags & Partial<Record<keyof Settings, unknown>>): Settings {
  if (flags.dataDir !== undefined && flags.databaseUrl !== undefined) {
    throw new ZavaError('usage', 'give either --data-dir or --database-url, not both');
  }
  const settings = loadSettings({ overrides: flags });
  // An explicit --data-dir means the embedded database even when DATABASE_URL is set.
  return flags.dataDir !== undefined ? { ...settings, databaseUrl: undefined } : settings;
}
