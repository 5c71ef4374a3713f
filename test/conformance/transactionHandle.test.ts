import { expect, it } from 'vitest';
import type { TransactionSession } from '../../src/db/port.js';
import { describeEngines, ENGINE_KINDS, useSeededDatabase } from '../support/seededDatabase.js';

const WHO = "SELECT current_user AS role, current_setting('transaction_read_only') AS read_only";

describeEngines(ENGINE_KINDS, 'a transaction handle on %s', (kind) => {
  const database = useSeededDatabase(kind);

  it('runs as mcp_user, read-only, while its store transaction is open', async () => {
    const inside = await database.db.transaction({ role: 'store', readOnly: true }, async (tx) => (await tx.query(WHO)).rows[0]);
    expect(inside).toEqual({ role: 'mcp_user', read_only: 'on' });
  });

  it('refuses every statement once its transaction committed, instead of running as the session user', async () => {
    let kept: TransactionSession | undefined;
    await database.db.transaction({ role: 'store', readOnly: true }, async (tx) => {
      kept = tx;
      await tx.query('SELECT 1');
    });
    await expect(kept!.query(WHO)).rejects.toMatchObject({ code: 'internal', message: 'the transaction has ended; its handle cannot run statements' });
    await expect(kept!.runScript('SELECT 1')).rejects.toMatchObject({ code: 'internal' });
  });

  it('refuses every statement once its transaction rolled back', async () => {
    let kept: TransactionSession | undefined;
    await expect(
      database.db.transaction({ role: 'owner' }, async (tx) => {
        kept = tx;
        await tx.query('SELECT 1 / 0');
      }),
    ).rejects.toThrow(/division by zero/);
    await expect(kept!.query("UPDATE retail.stores SET store_name = 'changed'")).rejects.toMatchObject({ code: 'internal' });
    expect((await database.db.query<{ n: number }>("SELECT count(*)::int AS n FROM retail.stores WHERE store_name = 'changed'")).rows[0]!.n).toBe(0);
  });

  it('refuses a statement issued by work that outlives its transaction', async () => {
    let late: Promise<unknown> | undefined;
    await database.db.transaction({ role: 'store', readOnly: true }, async (tx) => {
      late = new Promise((resolve) => setTimeout(resolve, 50)).then(() => tx.query(WHO));
    });
    await expect(late).rejects.toMatchObject({ code: 'internal' });
  });

  it('makes transaction-local settings before switching to the store role', async () => {
    const seen = await database.db.transaction({ role: 'store', readOnly: true, settings: { application_name: 'zava-test' } }, async (tx) => (await tx.query("SELECT current_setting('application_name') AS name")).rows[0]);
    expect(seen).toEqual({ name: 'zava-test' });
    const after = await database.db.query<{ name: string }>("SELECT current_setting('application_name') AS name");
    expect(after.rows[0]!.name).not.toBe('zava-test');
  });
});
