import { afterAll, beforeAll, describe } from 'vitest';
import { cloneSeededDatabase, ENGINE_KINDS, type SeededDatabase } from '../support/engines.js';
import { serverEnv, SERVER_START_TIMEOUT_MS, startServer, type RunningServer } from '../support/mcpClient.js';
import { addRowsToEveryTenantTable, ALL_STORES, itIsolatesTheBoundStores, readOwnerTruth, type OwnerTruth } from './isolationChecks.js';

/** A regional manager and head office; the single-store binding is checked on the seattle server (seattleServer.test.ts). */
const BINDINGS: [binding: string, stores: string[]][] = [
  ['redmond,bellevue', ['bellevue', 'redmond']],
  ['*', ALL_STORES],
];

describe.each(ENGINE_KINDS)('store isolation through every tool on %s', (kind) => {
  let database: SeededDatabase;
  let truth: OwnerTruth;

  beforeAll(async () => {
    database = await cloneSeededDatabase(kind);
    await addRowsToEveryTenantTable(database.db);
    truth = await readOwnerTruth(database.db);
    // PGlite data directories take a lock: the server processes open this one next, one at a time.
    if (kind === 'pglite') await database.closeEngine();
  }, SERVER_START_TIMEOUT_MS);
  afterAll(async () => database?.dispose());

  describe.each(BINDINGS)('bound to %s', (binding, stores) => {
    let server: RunningServer;

    beforeAll(async () => {
      server = await startServer(['--store', binding], serverEnv(database.env));
    }, SERVER_START_TIMEOUT_MS);
    afterAll(async () => server?.close());

    itIsolatesTheBoundStores(binding, stores, () => server, () => truth);
  });
});
