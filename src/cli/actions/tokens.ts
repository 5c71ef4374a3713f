import { createApiToken, listApiTokens, revokeApiToken, type ApiTokenRecord } from '../../access/apiTokens.js';
import type { Settings } from '../../config/settings.js';
import { parseStoreBinding } from '../../tenant/storeBinding.js';
import { settingsFor } from '../commandSettings.js';
import type { DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { renderTable } from '../textTable.js';
import { withOwnerDatabase } from '../withOwnerDatabase.js';

export interface AddFlags extends DatabaseFlags {
  name: string;
  store: string;
  expires?: Date;
}

export async function run(command: string, flags: DatabaseFlags, work: (settings: Settings) => Promise<void>): Promise<number> {
  try {
    await work(settingsFor({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl }));
    return EXIT_OK;
  } catch (error) {
    return reportFailure(command, error);
  }
}

export async function add(settings: Settings, flags: AddFlags): Promise<void> {
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

export async function list(settings: Settings): Promise<void> {
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

export async function revoke(settings: Settings, name: string): Promise<void> {
  await withOwnerDatabase(settings, (db) => revokeApiToken(db, name));
  process.stdout.write(`revoked ${name}; requests with it now get 401\n`);
}
