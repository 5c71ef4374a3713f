import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/openDatabase.js';
import { clusterTemplatePath } from '../../src/db/pglite/clusterTemplate.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'zava-template-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function systemIdentifier(dataDir: string): Promise<string> {
  const db = await openPglite({ dataDir });
  try {
    const { rows } = await db.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()');
    return rows[0]!.id;
  } finally {
    await db.close();
  }
}

// Only PGlite creates clusters; a native server is created by its operator.
describe('new embedded databases start from the cluster template', () => {
  it('has the template of the installed PGlite (built by npm install in a clone, shipped in the package)', () => {
    expect(existsSync(clusterTemplatePath()), clusterTemplatePath()).toBe(true);
  });

  it('gives every new directory and memory:// the template cluster instead of running initdb, which would make a new one each time', async () => {
    // initdb gives each cluster a new system identifier; clusters loaded from one template share it.
    const first = await systemIdentifier(path.join(scratch, 'first'));
    const second = await systemIdentifier(path.join(scratch, 'second'));
    const inMemory = await systemIdentifier('memory://');
    expect(second).toBe(first);
    expect(inMemory).toBe(first);
  });

  it('opens an existing directory as it is, without loading the template over it', async () => {
    const dataDir = path.join(scratch, 'kept');
    const db = await openPglite({ dataDir });
    await db.query('CREATE TABLE public.kept (n int)');
    await db.close();
    const reopened = await openPglite({ dataDir });
    try {
      expect((await reopened.query("SELECT to_regclass('public.kept') IS NOT NULL AS kept")).rows).toEqual([{ kept: true }]);
    } finally {
      await reopened.close();
    }
  });
});
