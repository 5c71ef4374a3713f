import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '../../src/access/apiTokens.js';
import { parseStoreBinding } from '../../src/tenant/storeBinding.js';
import { CLI_TIMEOUTS } from '../support/cli.js';
import { startHttpProcess } from '../support/httpProcess.js';
import { connectHttp, type HttpConnection } from '../support/mcpHttp.js';
import { serverEnv } from '../support/mcpStdio.js';
import { EACH_ENGINE, useSeededDatabase } from '../support/seededDatabase.js';
import { structuredOf } from '../support/toolResults.js';

vi.setConfig(CLI_TIMEOUTS);

/** The query: one value of about 45 MB at the test scale (1.7 GB with more rows at the default scale), built from a cross join. */
const HEAVY = "SELECT string_agg(p.product_description || c.email || c.email, '') AS everything FROM products p, customers c, generate_series(1, 15)";
const HEAVY_SESSIONS = 8;
const TIMEOUT_MS = 3000;

/** Peak and current resident memory of a process, in MiB (Linux: VmHWM and VmRSS). */
function residentMb(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
  return { peak: Math.round(field('VmHWM')), now: Math.round(field('VmRSS')) };
}

describe.each(EACH_ENGINE)('eight memory-hungry queries at once over HTTP on %s', (kind) => {
  const database = useSeededDatabase(kind);
  let server: { child: ChildProcess; url: string };
  let token: string;
  let otherToken: string;
  const sessions: HttpConnection[] = [];

  beforeAll(async () => {
    token = (await createApiToken(database.db, { name: 'memory', binding: parseStoreBinding('seattle') })).token;
    otherToken = (await createApiToken(database.db, { name: 'someone-else', binding: parseStoreBinding('redmond') })).token;
    if (kind === 'pglite') await database.closeEngine();
    server = await startHttpProcess(serverEnv(database.env, { ZAVA_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS), ZAVA_HTTP_RATE_LIMIT_PER_MINUTE: '100000' }));
  });
  afterAll(async () => {
    for (const session of sessions) await session.close().catch(() => undefined);
    server?.child.kill('SIGTERM');
    await new Promise((resolve) => server?.child.once('exit', resolve));
  });

  it("stays up, answers another token's session meanwhile, and keeps its peak memory bounded", async () => {
    for (let index = 0; index < HEAVY_SESSIONS; index++) sessions.push(await connectHttp(server.url, token));
    const bystander = await connectHttp(server.url, otherToken);
    sessions.push(bystander);
    const before = residentMb(server.child.pid!);
    const heavy = Promise.allSettled(sessions.slice(0, HEAVY_SESSIONS).map((session) => session.call('execute_sales_query', { postgresql_query: HEAVY })));
    // One token's queries queue behind each other (two at once), not in front of another token's.
    const light = await bystander.call('execute_sales_query', { postgresql_query: 'SELECT count(*)::int AS n FROM stores' }).catch((error: unknown) => error);
    const settled = await heavy;
    expect(structuredOf<{ rows: { n: number }[] }>(light as Awaited<ReturnType<HttpConnection['call']>>).rows).toEqual([{ n: 1 }]);
    const outcomes = settled.map((outcome) => {
      if (outcome.status === 'rejected') throw outcome.reason;
      return outcome.value;
    });
    for (const outcome of outcomes) {
      // Each is refused by a limit, never answered with a gigabyte: the row cap, the timeout, or the engine's memory.
      expect(outcome.isError).toBe(true);
      expect((outcome.content[0] as { text: string }).text).toMatch(/^Error \((result_too_large|query_timeout|sql_error)\): /);
    }
    const after = structuredOf<{ rows: { n: number }[] }>(await bystander.call('execute_sales_query', { postgresql_query: 'SELECT count(*)::int AS n FROM customers' }));
    expect(after.rows[0]!.n).toBeGreaterThan(0);
    const memory = residentMb(server.child.pid!);
    console.log(`${kind}: resident ${before.now} MiB before, peak ${memory.peak} MiB, ${memory.now} MiB after ${HEAVY_SESSIONS} heavy queries`);
    // PGlite's WebAssembly memory is capped at 1 GiB and recycled; a native server holds the value in its own process.
    expect(memory.peak).toBeLessThan(kind === 'pglite' ? 2_048 : 768);
  });
});
