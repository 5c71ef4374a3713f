import { afterAll, beforeAll, describe } from 'vitest';
import { connectInProcess, type InProcessServer } from '../support/mcpInProcess.js';
import { describeEngines, ENGINE_KINDS, useSeededDatabase } from '../support/seededDatabase.js';
import { addRowsToEveryTenantTable, ALL_STORES, itIsolatesTheBoundStores, readOwnerTruth, type OwnerTruth } from './isolationChecks.js';

/** A regional manager and head office; the single-store binding is checked on the seattle server (seattleServer.test.ts). */
const BINDINGS: [binding: string, stores: string[]][] = [
  ['redmond,bellevue', ['bellevue', 'redmond']],
  ['*', ALL_STORES],
];

describeEngines(ENGINE_KINDS, 'store isolation through every tool on %s', (kind) => {
  const database = useSeededDatabase(kind);
  let truth: OwnerTruth;

  beforeAll(async () => {
    await addRowsToEveryTenantTable(database.db);
    truth = await readOwnerTruth(database.db);
  });

  describe.each(BINDINGS)('bound to %s', (binding, stores) => {
    let server: InProcessServer;

    beforeAll(async () => {
      server = await connectInProcess(database.db, { store: binding });
    });
    afterAll(async () => server?.close());

    itIsolatesTheBoundStores(binding, stores, () => server, () => truth);
  });
});
