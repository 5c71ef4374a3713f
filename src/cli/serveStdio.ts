import { randomUUID } from 'node:crypto';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { ZavaApp } from '../app/openZava.js';
import { describeSearch } from '../app/searchStatus.js';
import type { Settings } from '../config/settings.js';
import type { EngineInfo } from '../db/port.js';
import { ZavaError } from '../errors.js';
import { packageVersion } from '../packageRoot.js';
import { countVisibleRows } from '../services/storeRowCounts.js';
import { describeBinding, parseStoreBinding } from '../tenant/storeBinding.js';
import type { TempFileLimit } from '../tenant/storeSessions.js';
import { renderBanner, terminalHint } from './banner.js';
import type { ServeFlags } from './actions/serve.js';
import { launchSpec } from './connectionSnippets.js';
import { openWireDoorBeside } from './serveWireDoor.js';
import { shutdownRequested } from './shutdown.js';

/** One binding, one client, over stdin and stdout, until the client goes or a signal comes. */
export async function serveStdio(app: ZavaApp, settings: Settings, flags: ServeFlags): Promise<void> {
  if (!settings.store) {
    const stores = (await app.listStores()).map((store) => store.store_id);
    throw new ZavaError('usage', `no store binding: pass --store <id> (or a comma-separated list, or *) or set ZAVA_STORE; stores: ${stores.join(', ')}`);
  }
  const binding = parseStoreBinding(settings.store);
  const session = await app.openSession(binding);
  const counts = await countVisibleRows(session);
  const doorNotes = await openWireDoorBeside(app, flags);
  const server = app.createServer(session, { principal: { kind: 'stdio', name: 'stdio', binding }, sessionId: randomUUID() });
  // Listening before the banner: a client may stop the server as soon as it reads it.
  const stopped = shutdownRequested({ onInputEnd: true });
  await server.connect(new StdioServerTransport());
  process.stderr.write(
    renderBanner({
      version: packageVersion(),
      engine: app.info,
      bindingDescription: describeBinding(binding, session.storeIds),
      bindingSource: bindingSource(flags.store !== undefined),
      counts,
      // From process start, so the figure includes Node, module loading and the database.
      readyMs: process.uptime() * 1000,
      firstRun: app.prepared.outcome === 'created',
      searchStatus: describeSearch(app.capabilities, app.embeddings, app.embeddedAtStart),
      limits: { timeoutMs: settings.statementTimeoutMs, rowLimit: settings.rowLimit, byteLimit: settings.byteLimit },
      launch: launchSpec(serveArguments(settings.store, flags), connectionEnv(app.info, settings.dataDir, flags)),
      notes: [
        ...app.prepared.migrations.waiting.map((waiting) => `migration ${waiting} not applied`),
        ...tempFileNote(app.tempFileLimit),
        ...doorNotes,
      ],
    }),
  );
  if (process.stdin.isTTY) process.stderr.write(terminalHint());
  await stopped;
  app.logger.info('shutting down');
  await server.close();
}

/** Said only when store transactions run without a cap on temporary files. */
export function tempFileNote(limit: TempFileLimit): string[] {
  if (limit.how !== 'none') return [];
  return ['temporary files of store queries are not capped: this login may not set temp_file_limit (ALTER ROLE mcp_user SET temp_file_limit = \'256MB\' as a superuser)'];
}

function bindingSource(fromFlag: boolean): string {
  // npm sets npm_lifecycle_event; `npm start` passes --store seattle from package.json.
  if (fromFlag && process.env.npm_lifecycle_event === 'start') return 'npm start binds seattle; run zava-mcp serve --store <id> for another';
  return fromFlag ? 'bound by --store' : 'bound by ZAVA_STORE';
}

function serveArguments(store: string, flags: ServeFlags): string[] {
  const args = ['serve', '--store', store];
  if (flags.statementTimeout !== undefined) args.push('--statement-timeout', String(flags.statementTimeout));
  if (flags.rowLimit !== undefined) args.push('--row-limit', String(flags.rowLimit));
  if (flags.byteLimit !== undefined) args.push('--byte-limit', String(flags.byteLimit));
  if (flags.embeddings !== undefined) args.push('--embeddings', flags.embeddings);
  return args;
}

/** Where the client's server finds the same database; never a credential. */
function connectionEnv(info: EngineInfo, dataDir: string, flags: ServeFlags): Record<string, string> {
  if (info.engine === 'postgres') return { DATABASE_URL: '<your postgres:// connection string>' };
  return flags.dataDir !== undefined || process.env.ZAVA_DATA_DIR ? { ZAVA_DATA_DIR: dataDir } : {};
}
