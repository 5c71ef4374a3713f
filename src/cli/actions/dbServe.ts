import { openDatabase } from '../../db/openDatabase.js';
import type { DatabasePort, WireDoor } from '../../db/port.js';
import { ZavaError } from '../../errors.js';
import { prepareDatabase } from '../../services/prepareDatabase.js';
import { settingsFor } from '../commandSettings.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { shutdownRequested } from '../shutdown.js';
import { doorWarning, psqlCommand } from '../wireDoorText.js';

export interface DbServeFlags {
  dataDir?: string;
  host: string;
  port: number;
}

/** `zava-mcp db ...`: the embedded database itself, for people and their tools. */

export async function runDbServe(flags: DbServeFlags): Promise<number> {
  let db: DatabasePort | undefined;
  try {
    const settings = settingsFor({ dataDir: flags.dataDir });
    if (settings.databaseUrl && flags.dataDir === undefined) {
      throw new ZavaError('usage', 'db serve opens the embedded database; DATABASE_URL names a PostgreSQL server, which has its own door (psql "$DATABASE_URL")');
    }
    db = await openDatabase(settings, { create: false });
    const prepared = await prepareDatabase(db, undefined, settings);
    const door = await db.openWireDoor({ host: flags.host, port: flags.port });
    const stopped = shutdownRequested({ onInputEnd: false });
    process.stdout.write(describeDoor(db, door, prepared.migrations.applied));
    await stopped;
    await door.close();
    await db.close();
    return EXIT_OK;
  } catch (error) {
    await db?.close().catch(() => undefined);
    return reportFailure('db serve', error);
  }
}

function describeDoor(db: DatabasePort, door: WireDoor, applied: string[]): string {
  return [
    `Zava Retail database open over the PostgreSQL wire protocol (PGlite ${db.info.serverVersion})`,
    `  data     ${db.info.location}`,
    `  url      ${door.url}`,
    `  psql     ${psqlCommand(door)}`,
    `  who      ${doorWarning(door)}`,
    ...(applied.length > 0 ? [`  migrated ${applied.join(', ')}`] : []),
    '  shares   the one PGlite session with every client in turn: a transaction holds it until COMMIT or ROLLBACK',
    '  stop     Ctrl-C',
    '',
  ].join('\n');
}
