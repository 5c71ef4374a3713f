import { openZava, type ZavaApp } from '../../app/openZava.js';
import { ZavaError } from '../../errors.js';
import { settingsFor } from '../commandSettings.js';
import type { DatabaseFlags } from '../databaseOptions.js';
import { reportFailure } from '../failure.js';
import { todayUtc } from '../optionParsers.js';
import { serveHttp } from '../serveHttp.js';
import { serveStdio } from '../serveStdio.js';
import type { WireDoorFlags } from '../serveWireDoor.js';
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

export async function runServe(flags: ServeFlags): Promise<number> {
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
