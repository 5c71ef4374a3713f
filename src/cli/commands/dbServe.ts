import type { Command } from 'commander';
import { parsePort } from '../optionParsers.js';
import type { DbServeFlags } from '../actions/dbServe.js';

export function registerDbCommand(program: Command, setExitCode: (code: number) => void): void {
  const db = program.command('db').description('the embedded database itself: `db serve` opens it to psql and other PostgreSQL clients');
  db.command('serve')
    .description("open the embedded database over the PostgreSQL wire protocol (the owner's door; local only by default)")
    .option('--data-dir <dir>', 'embedded database directory (env ZAVA_DATA_DIR)')
    .option('--host <address>', 'address to listen on; anything but a loopback address opens the database, without a password, to the network', '127.0.0.1')
    .option('--port <port>', 'TCP port (0 picks a free one)', parsePort, 5432)
    .action(async (flags: DbServeFlags) => setExitCode(await (await import('../actions/dbServe.js')).runDbServe(flags)));
}
