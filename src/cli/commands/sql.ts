import { Option, type Command } from 'commander';
import { addDatabaseOptions } from '../databaseOptions.js';
import type { SqlFlags } from '../actions/sql.js';

export function registerSqlCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(
    program
      .command('sql')
      .description(
        'run SQL statements (one, or a script): as a store (mcp_user, row-level security, the same guard and limits as the MCP tool, statement by statement) or as the owner (any SQL, your own transactions)',
      ),
  )
    .option('--store <id>', 'run as this store (comma-separated list, or * for all stores)')
    .option('--admin', 'run as the schema owner, without row-level security', false)
    .option('-c, --command <sql>', 'the SQL: one statement or several separated by ;')
    .option('-f, --file <path>', 'a file of SQL statements (- for standard input)')
    .addOption(new Option('--format <format>', 'table (default on a terminal), json (default otherwise) or csv').choices(['table', 'json', 'csv']))
    .action(async (flags: SqlFlags) => setExitCode(await (await import('../actions/sql.js')).runSql(flags)));
}
