import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WireDoor } from '../../src/db/port.js';
import { readLockHolder } from '../../src/db/pglite/dataDirLock.js';
import { cloneSeededDatabase, type SeededDatabase } from '../support/seededDatabase.js';
import { storeSessionFor } from '../support/storeSessions.js';

/*
 * The wire-protocol door shares PGlite's one session between the program (store
 * transactions, owner statements) and PostgreSQL clients. Nothing of one may
 * reach the other: not a transaction, not a role, not a setting.
 */

const STORE_COUNT = 'SELECT count(*)::int AS n FROM retail.stores';

describe('the wire-protocol door of an embedded database', () => {
  let seeded: SeededDatabase;
  let door: WireDoor;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    seeded = await cloneSeededDatabase('pglite');
    door = await seeded.db.openWireDoor({ host: '127.0.0.1', port: 0 });
  }, 180_000);
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
  });
  afterAll(async () => {
    await door?.close();
    await seeded?.dispose();
  });

  async function connect(through = door): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: through.url });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  }

  const valuesOf = async (client: pg.Client, sql: string) => (await client.query(sql)).rows;
  const storeCount = async () => (await seeded.db.query<{ n: number }>(STORE_COUNT)).rows[0]!.n;

  it('records its URL in the data directory lock while it is open', () => {
    expect(door.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(readLockHolder(seeded.env.ZAVA_DATA_DIR!)).toMatchObject({ pid: process.pid, wireUrl: door.url });
  });

  it("holds the session for a client's open transaction: a store transaction waits for its COMMIT, and neither sees the other's store context", async () => {
    const seattle = await storeSessionFor(seeded.db, ['seattle']);
    const client = await connect();
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE mcp_user');
    await client.query("SELECT retail.set_store_context('redmond')");
    let programDone = false;
    const program = seattle
      .read((tx) => tx.query<{ store_id: string }>('SELECT DISTINCT store_id FROM customers ORDER BY 1'))
      .then((result) => {
        programDone = true;
        return result.rows.map((row) => row.store_id);
      });
    // The client goes on in its transaction, with its own context, while the program waits.
    expect(await valuesOf(client, 'SELECT DISTINCT store_id FROM retail.customers ORDER BY 1')).toEqual([{ store_id: 'redmond' }]);
    expect(await valuesOf(client, 'SELECT current_user')).toEqual([{ current_user: 'mcp_user' }]);
    expect(programDone).toBe(false);
    await client.query('COMMIT');
    expect(await program).toEqual(['seattle']);
    // After the program's transaction the client's session has no store context left.
    expect(await valuesOf(client, "SELECT COALESCE(current_setting('app.current_store_id', true), '') AS context, current_user")).toEqual([
      { context: '', current_user: 'postgres' },
    ]);
  });

  it("keeps a client's session-level role and search_path away from the program and from other clients, and gives them back to the client", async () => {
    const learner = await connect();
    const other = await connect();
    await learner.query('SET ROLE mcp_user');
    await learner.query('SET search_path = retail');
    await learner.query("SET application_name = 'learner'");
    const program = await seeded.db.query("SELECT current_user, current_setting('search_path') AS search_path, current_setting('application_name') AS app");
    expect(program.rows).toEqual([{ current_user: 'postgres', search_path: 'public', app: '' }]);
    expect(await storeCount()).toBe(4);
    expect(await valuesOf(other, "SELECT current_user, current_setting('search_path') AS search_path")).toEqual([{ current_user: 'postgres', search_path: 'public' }]);
    // Row-level security answers the learner as mcp_user without a store context: nothing.
    expect(await valuesOf(learner, "SELECT current_user, current_setting('search_path') AS search_path, current_setting('application_name') AS app, (SELECT count(*)::int FROM customers) AS customers")).toEqual([
      { current_user: 'mcp_user', search_path: 'retail', app: 'learner', customers: 0 },
    ]);
  });

  it('rolls back what a client that went away left in its transaction, and the program goes on', async () => {
    const client = await connect();
    await client.query('BEGIN');
    await client.query("INSERT INTO retail.stores (store_id, store_name) VALUES ('tacoma', 'Zava Retail Tacoma')");
    await client.end();
    expect(await storeCount()).toBe(4);
    const again = await connect();
    expect(await valuesOf(again, "SELECT count(*)::int AS n FROM retail.stores WHERE store_id = 'tacoma'")).toEqual([{ n: 0 }]);
  });

  it('ends a transaction left idle while the program waits, rolls it back, and tells the client why', async () => {
    // A second door with a short limit (the default is a minute).
    const impatient = await seeded.db.openWireDoor({ host: '127.0.0.1', port: 0, idleInTransactionMs: 1_500 });
    const client = await connect(impatient);
    const ended = new Promise<Error>((resolve) => client.once('error', resolve));
    await client.query('BEGIN');
    await client.query("INSERT INTO retail.stores (store_id, store_name) VALUES ('olympia', 'Zava Retail Olympia')");
    expect(await storeCount()).toBe(4);
    expect((await ended).message).toMatch(/stayed open for 1\.5 s while the MCP server waited/);
    await impatient.close();
  });

  it('answers interleaved parameterised queries of clients and store transactions of the program, each with its own rows', async () => {
    const [first, second] = [await connect(), await connect()];
    const sessions = await Promise.all(['seattle', 'redmond'].map((store) => storeSessionFor(seeded.db, [store])));
    // Each client runs its queries one after another, as a client does; the program's run beside them.
    const clientRuns = [first, second].map(async (client, clientIndex) => {
      for (let index = 0; index < 6; index++) {
        const result = await client.query('SELECT $1::int AS n, (SELECT count(*)::int FROM retail.stores WHERE store_id = $2) AS stores', [index, 'online']);
        expect(result.rows, `client ${clientIndex}`).toEqual([{ n: index, stores: 1 }]);
      }
    });
    const programRuns = Array.from({ length: 6 }, (_, index) => {
      const session = sessions[index % 2]!;
      return session
        .read((tx) => tx.query<{ store_id: string }>('SELECT DISTINCT store_id FROM customers'))
        .then((result) => expect(result.rows).toEqual([{ store_id: session.storeIds[0] }]));
    });
    const work = [...clientRuns, ...programRuns];
    await Promise.all(work);
  });
});
