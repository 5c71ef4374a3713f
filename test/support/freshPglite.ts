import { openPglite } from '../../src/db/openDatabase.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../src/db/migrations/migrate.js';
import type { DatabasePort } from '../../src/db/port.js';

export interface TestDatabase {
  db: DatabasePort;
  dataDir: string;
  close(): Promise<void>;
}

/** A new PGlite database in a temporary directory with every migration applied (no data). */
export async function freshMigratedPglite(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zava-pglite-'));
  const db = await openPglite({ dataDir });
  await db.transaction({ role: 'owner' }, (tx) => migrate(tx));
  return {
    db,
    dataDir,
    async close() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
