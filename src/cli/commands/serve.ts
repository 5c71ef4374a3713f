import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Command } from 'commander';
import { openZava, type ZavaApp } from '../../app/openZava.js';
import { describeSearch } from '../../app/searchStatus.js';
import type { EngineInfo } from '../../db/port.js';
import { ZavaError } from '../../errors.js';
import { packageVersion } from '../../packageRoot.js';
import { countVisibleRows } from '../../services/storeRowCounts.js';
import { describeBinding, parseStoreBinding } from '../../tenant/storeBinding.js';
import type { TempFileLimit } from '../../tenant/storeSessions.js';
import { renderBanner, terminalHint } from '../banner.js';
import { launchSpec } from '../connectionSnippets.js';
import { addDatabaseOptions, settingsFor, type DatabaseFlags } from '../databaseOptions.js';
import { reportFailure } from '../failure.js';
import { parsePositiveInteger, todayUtc } from '../optionParsers.js';
import { addWireDoorOptions, openWireDoorBeside, type WireDoorFlags } from '../serveWireDoor.js';
import { DEFAULT_SEED } from './init.js';

interface ServeFlags extends DatabaseFlags, WireDoorFlags {
  store?: string;
  embeddings?: string;
  statementTimeout?: number;
  rowLimit?: number;
  byteLimit?: number;
}

export function registerServeCommand(program: Command, setExitCode: (code: number) => void): void {
  addWireDoorOptions(addDatabaseOptions(
    program
      .command('serve', { isDefault: true })
      .description('run the MCP server over stdio (the default command)'),
  ))
    .option('--store <id>', 'the store(s) this server is bound to: an id, a comma-separated list, or * (env ZAVA_STORE)')
    .option('--embeddings <provider>', 'local, openai, azure or none (env ZAVA_EMBEDDINGS)')
    .option('--statement-timeout <ms>', 'cancel model-written queries after this long (env ZAVA_STATEMENT_TIMEOUT_MS)', parsePositiveInteger)
    .option('--row-limit <n>', 'rows returned per query at most (env ZAVA_ROW_LIMIT)', parsePositiveInteger)
    .option('--byte-limit <n>', 'bytes of rows returned per query at most (env ZAVA_BYTE_LIMIT)', parsePositiveInteger)
    .action(async (flags: ServeFlags) => {
      const code = await runServe(flags);
      if (code !== 0) setExitCode(code);
    });
}

async function runServe(flags: ServeFlags): Promise<number> {
  let app: ZavaApp | undefined;
  try {
    const settings = settingsFor({
      dataDir: flags.dataDir,
      databaseUrl: flags.databaseUrl,
      store: flags.store,
      embeddings: flags.embeddings,
      statementTimeoutMs: flags.statementTimeout,
      rowLimit: flags.rowLimit,
      byteLimit: flags.byteLimit,
    });
    app = await openZava({ settings, firstRun: { seed: DEFAULT_SEED, scale: 1, asOf: todayUtc() }, embedPending: true });
    if (!settings.store) {
      const stores = (await app.listStores()).map((store) => store.store_id);
      throw new ZavaError('usage', `no store binding: pass --store <id> (or a comma-separated list, or *) or set ZAVA_STORE; stores: ${stores.join(', ')}`);
    }
    const binding = parseStoreBinding(settings.store);
    const session = await app.openSession(binding);
    const counts = await countVisibleRows(session);
    const doorNotes = await openWireDoorBeside(app, flags);
    const server = app.createServer(session);
    // Listening before the banner: a client may stop the server as soon as it reads it.
    const stopped = shutdownRequested();
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
    await app.close();
    return 0;
  } catch (error) {
    await app?.close().catch(() => undefined);
    return reportFailure('serve', error);
  }
}

/** Said only when store transactions run without a cap on temporary files. */
function tempFileNote(limit: TempFileLimit): string[] {
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

/** Resolves when the client closes stdin or a signal arrives; the caller then closes the database cleanly. */
function shutdownRequested(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    process.stdin.once('end', stop);
    process.stdin.once('close', stop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
