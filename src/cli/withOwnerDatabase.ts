import type { Settings } from '../config/settings.js';
import { openDatabase } from '../db/openDatabase.js';
import type { DatabasePort } from '../db/port.js';
import { prepareDatabase } from '../services/prepareDatabase.js';

/**
 * The owner's database for a command that manages it (tokens, audit): opened,
 * migrated when a migration is pending (never created), and closed afterwards.
 */
export async function withOwnerDatabase<T>(settings: Settings, work: (db: DatabasePort) => Promise<T>): Promise<T> {
  const db = await openDatabase(settings);
  try {
    await prepareDatabase(db, undefined, settings);
    return await work(db);
  } finally {
    await db.close();
  }
}
