import type { Command } from 'commander';
import { addDatabaseOptions, type DatabaseFlags } from '../databaseOptions.js';
import { parseExpiry } from '../optionParsers.js';
import type { AddFlags } from '../actions/tokens.js';

export function registerTokensCommand(program: Command, setExitCode: (code: number) => void): void {
  const tokens = program.command('tokens').description('API tokens for the HTTP server: each binds the stores its holder may see');
  addDatabaseOptions(tokens.command('add').description('create a token; prints it alone on stdout (it is stored only as a hash) and a VS Code entry on stderr'))
    .requiredOption('--name <name>', 'who or what holds it, e.g. seattle-manager')
    .requiredOption('--store <ids>', "the stores it binds: an id, a comma-separated list, or '*' for every active store")
    .option('--expires <when>', 'when it stops working: 30d, 12h, 45m, or a date YYYY-MM-DD', (value) => parseExpiry(value))
    .action(async (flags: AddFlags) => setExitCode(await tokenActions().then(({ run, add }) => run('tokens add', flags, (settings) => add(settings, flags)))));
  addDatabaseOptions(tokens.command('list').description('names, stores, created, expires and last used; never the tokens')).action(async (flags: DatabaseFlags) =>
    setExitCode(await tokenActions().then(({ run, list }) => run('tokens list', flags, list))),
  );
  addDatabaseOptions(tokens.command('revoke').description('stop a token from working, at once').argument('<name>', 'the token to revoke')).action(
    async (name: string, flags: DatabaseFlags) => setExitCode(await tokenActions().then(({ run, revoke }) => run('tokens revoke', flags, (settings) => revoke(settings, name)))),
  );
}

const tokenActions = () => import('../actions/tokens.js');
