import type { Command } from 'commander';

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
