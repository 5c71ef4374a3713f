import type { Command } from 'commander';
import { openDatabase } from '../../db/openDatabase.js';
import { ZavaError } from '../../errors.js';
import { isInitialised } from '../../services/databaseStatus.js';
import { runModelSql } from '../../services/modelSql.js';
import { parseStoreBinding } from '../../tenant/storeBinding.js';
import { StoreSessions } from '../../tenant/storeSessions.js';
import { withPositionInText } from '../../services/errorPosition.js';
import { addDatabaseOptions, settingsFor, type DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';

interface SqlFlags extends DatabaseFlags {
  store?: string;
  admin: boolean;
  command: string;
}

export function registerSqlCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(
    program
      .command('sql')
      .description('run one SQL statement and print the rows as JSON: as a store (mcp_user, row-level security, the same guard and limits as the MCP tool) or as the owner'),
  )
    .option('--store <id>', 'run as this store (comma-separated list, or * for all stores)')
    .option('--admin', 'run as the schema owner, without row-level security', false)
    .requiredOption('-c, --command <sql>', 'the SQL statement')
    .action(async (flags: SqlFlags) => setExitCode(await runSql(flags)));
}

async function runSql(flags: SqlFlags): Promise<number> {
  try {
    if ((flags.store === undefined) === !flags.admin) {
      throw new ZavaError('usage', 'give exactly one of --store <id> or --admin');
    }
    const settings = settingsFor({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
    const db = await openDatabase(settings, { create: false });
    try {
      if (flags.admin) {
        const result = await db.query(flags.command).catch((error: unknown) => {
          throw withPositionInText(error, 0, flags.command, 0);
        });
        process.stdout.write(`${JSON.stringify(result.rows, null, 2)}\n`);
        return EXIT_OK;
      }
      if (!(await isInitialised(db))) {
        throw new ZavaError('database_not_initialised', `no Zava database at ${db.info.location}; run \`zava-mcp init\` first`);
      }
      const sessions = await StoreSessions.open(db, settings);
      const session = await sessions.forBinding(parseStoreBinding(flags.store!));
      const result = await runModelSql(session, flags.command, { rowLimit: settings.rowLimit, byteLimit: settings.byteLimit });
      process.stdout.write(`${JSON.stringify(result.rows, null, 2)}\n`);
      if (result.truncated) console.error(`zava-mcp sql: ${result.truncationNote}`);
      return EXIT_OK;
    } finally {
      await db.close();
    }
  } catch (error) {
    return reportFailure('sql', error);
  }
}
