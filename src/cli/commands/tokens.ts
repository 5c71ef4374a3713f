import type { Command } from 'commander';
import { createApiToken, listApiTokens, revokeApiToken, type ApiTokenRecord } from '../../access/apiTokens.js';
import type { Settings } from '../../config/settings.js';
import { parseStoreBinding } from '../../tenant/storeBinding.js';
import { addDatabaseOptions, settingsFor, type DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { parseExpiry } from '../optionParsers.js';
import { renderTable } from '../textTable.js';
import { withOwnerDatabase } from '../withOwnerDatabase.js';

interface AddFlags extends DatabaseFlags {
  name: string;
  store: string;
  expires?: Date;
}

export function registerTokensCommand(program: Command, setExitCode: (code: number) => void): void {
  const tokens = program.command('tokens').description('API tokens for the HTTP server: each binds the stores its holder may see');
  addDatabaseOptions(tokens.command('add').description('create a token; prints it alone on stdout (it is stored only as a hash) and a VS Code entry on stderr'))
    .requiredOption('--name <name>', 'who or what holds it, e.g. seattle-manager')
    .requiredOption('--store <ids>', "the stores it binds: an id, a comma-separated list, or '*' for every active store")
    .option('--expires <when>', 'when it stops working: 30d, 12h, 45m, or a date YYYY-MM-DD', (value) => parseExpiry(value))
    .action(async (flags: AddFlags) => setExitCode(await run('tokens add', flags, (settings) => add(settings, flags))));
  addDatabaseOptions(tokens.command('list').description('names, stores, created, expires and last used; never the tokens')).action(async (flags: DatabaseFlags) =>
    setExitCode(await run('tokens list', flags, list)),
  );
  addDatabaseOptions(tokens.command('revoke').description('stop a token from working, at once').argument('<name>', 'the token to revoke')).action(
    async (name: string, flags: DatabaseFlags) => setExitCode(await run('tokens revoke', flags, (settings) => revoke(settings, name))),
  );
}

async function run(command: string, flags: DatabaseFlags, work: (settings: Settings) => Promise<void>): Promise<number> {
  try {
    await work(settingsFor({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl }));
    return EXIT_OK;
  } catch (error) {
    return reportFailure(command, error);
  }
}

async function add(settings: Settings, flags: AddFlags): Promise<void> {
  const { token, record } = await withOwnerDatabase(settings, (db) =>
    createApiToken(db, { name: flags.name, binding: parseStoreBinding(flags.store), expiresAt: flags.expires }),
  );
  // Alone on stdout, so that `TOKEN=$(zava-mcp tokens add ...)` captures exactly the token.
  process.stdout.write(`${token}\n`);
  const url = `http://${settings.httpHost}:${settings.httpPort === 0 ? 8000 : settings.httpPort}/mcp`;
  const entry = { servers: { [`zava-retail-${record.name}`]: { type: 'http', url, headers: { Authorization: `Bearer ${token}` } } } };
  process.stderr.write(
    `token ${record.name} binds ${record.stores.join(', ')}${record.expires_at ? `, expires ${record.expires_at.toISOString()}` : ''}; it is shown only now.\n` +
      `VS Code (.vscode/mcp.json):\n${JSON.stringify(entry, null, 2)}\n`,
  );
}

async function list(settings: Settings): Promise<void> {
  const tokens = await withOwnerDatabase(settings, listApiTokens);
  if (tokens.length === 0) {
    process.stdout.write('no tokens; create one with zava-mcp tokens add --name NAME --store ID\n');
    return;
  }
  const day = (date: Date | null) => (date ? date.toISOString().replace('T', ' ').slice(0, 16) : '-');
  process.stdout.write(
    renderTable(
      ['name', 'stores', 'status', 'created', 'expires', 'last used'],
      tokens.map((token) => [token.name, token.stores.join(','), status(token), day(token.created_at), day(token.expires_at), day(token.last_used_at)]),
    ),
  );
}

function status(token: ApiTokenRecord): string {
  if (token.revoked_at) return 'revoked';
  if (token.expires_at && token.expires_at <= new Date()) return 'expired';
  return 'active';
}

async function revoke(settings: Settings, name: string): Promise<void> {
  await withOwnerDatabase(settings, (db) => revokeApiToken(db, name));
  process.stdout.write(`revoked ${name}; requests with it now get 401\n`);
}
