import type { ZavaApp } from '../../app/openZava.js';
import { openDatabase } from '../../db/openDatabase.js';
import type { DatabasePort } from '../../db/port.js';
import { ZavaError } from '../../errors.js';
import { settingsFor } from '../commandSettings.js';
import type { DatabaseFlags } from '../databaseOptions.js';
import { reportFailure } from '../failure.js';
import { todayUtc } from '../optionParsers.js';
import type { WireDoorFlags } from '../serveWireDoor.js';
import { DEFAULT_SEED } from '../../seed/limits.js';

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
  let db: DatabasePort | undefined;
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
    // The database opens in its worker thread (or connects) while the server's modules load.
    const opening = openDatabase(settings);
    opening.catch(() => undefined);
    const [{ openZava }, transport] = await Promise.all([
      import('../../app/openZava.js'),
      flags.http ? import('../serveHttp.js').then(({ serveHttp }) => serveHttp) : import('../serveStdio.js').then(({ serveStdio }) => serveStdio),
    ]);
    db = await opening;
    app = await openZava({ settings, database: db, firstRun: { seed: DEFAULT_SEED, scale: 1, asOf: todayUtc() }, embedPending: true });
    await transport(app, settings, flags);
    await app.close();
    await db.close();
    return 0;
  } catch (error) {
    await app?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    return reportFailure('serve', error);
  }
}
