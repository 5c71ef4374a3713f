import type { Command } from 'commander';
import { openZava, type ZavaApp } from '../../app/openZava.js';
import { ZavaError } from '../../errors.js';
import { addDatabaseOptions, settingsFor, type DatabaseFlags } from '../databaseOptions.js';
import { reportFailure } from '../failure.js';
import { parsePort, parsePositiveInteger, todayUtc } from '../optionParsers.js';
import { serveHttp } from '../serveHttp.js';
import { serveStdio } from '../serveStdio.js';
import { addWireDoorOptions, type WireDoorFlags } from '../serveWireDoor.js';
import { DEFAULT_SEED } from '../../seed/options.js';

export interface ServeFlags extends DatabaseFlags, WireDoorFlags {
  store?: string;
  embeddings?: string;
  statementTimeout?: number;
  rowLimit?: number;
  byteLimit?: number;
  http?: boolean;
  host?: string;
  port?: number;
}

export function registerServeCommand(program: Command, setExitCode: (code: number) => void): void {
  addWireDoorOptions(addDatabaseOptions(
    program
      .command('serve', { isDefault: true })
      .description('run the MCP server over stdio for one store binding (the default command), or over Streamable HTTP for many (--http)'),
  ))
    .option('--store <id>', 'stdio: the store(s) this server is bound to: an id, a comma-separated list, or * (env ZAVA_STORE)')
    .option('--http', 'serve Streamable HTTP at /mcp; each request\'s bearer token decides its stores', false)
    .option('--host <address>', 'with --http: the address to listen on (env ZAVA_HTTP_HOST; default 127.0.0.1)')
    .option('--port <port>', 'with --http: the port (env ZAVA_HTTP_PORT; default 8000)', parsePort)
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
    if (!flags.http && (flags.host !== undefined || flags.port !== undefined)) throw new ZavaError('usage', '--host and --port go with --http');
    if (flags.http && flags.store !== undefined) {
      throw new ZavaError('usage', "with --http each request's token decides its stores; drop --store (create tokens with zava-mcp tokens add)");
    }
    const settings = settingsFor({
      dataDir: flags.dataDir,
      databaseUrl: flags.databaseUrl,
      store: flags.store,
      embeddings: flags.embeddings,
      statementTimeoutMs: flags.statementTimeout,
      rowLimit: flags.rowLimit,
      byteLimit: flags.byteLimit,
      httpHost: flags.host,
      httpPort: flags.port,
    });
    app = await openZava({ settings, firstRun: { seed: DEFAULT_SEED, scale: 1, asOf: todayUtc() }, embedPending: true });
    if (flags.http) await serveHttp(app, settings, flags);
    else await serveStdio(app, settings, flags);
    await app.close();
    return 0;
  } catch (error) {
    await app?.close().catch(() => undefined);
    return reportFailure('serve', error);
  }
}
