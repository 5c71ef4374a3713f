/**
 * The cost of row-level security: every governed report and five analytic queries,
 * as a store through its StoreSession (mcp_user, the store context, the policies)
 * and as the owner with the same store written into the query, on the same data,
 * side by side on each engine configuration.
 *
 *   npm run bench:rls                         scale 20, store seattle, pglite, postgres and pgvector
 *   npm run bench:rls -- --scale 1 --runs 5 --no-write     a quick look
 *   npm run bench:rls -- --help
 *
 * Writes bench/results/rls-YYYY-MM-DD[-label].md and .json. Nothing here asserts on
 * time: the ratios are for reading, side by side, from one run.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DatabasePort } from '../src/db/port.js';
import { initialiseDatabase } from '../src/services/initialiseDatabase.js';
import { STORE_PLANNER_SETTINGS, STORE_SEARCH_PATH } from '../src/tenant/withStoreContext.js';
import { StoreSessions } from '../src/tenant/storeSessions.js';
import type { StoreSession } from '../src/tenant/storeSession.js';
import { describeScans, storeFilterEvidence, type ScanEvidence } from './rls/plans.js';
import { analyticQueries, reportQueries, type RlsQuery } from './rls/queries.js';
import { openBenchEngine, parseBenchEngines, type BenchEngine, type BenchEngineKind } from './support/engines.js';
import { loadAverageNow, machineInfo, type MachineInfo } from './support/machine.js';
import { BenchUsageError, numberOption, OUTPUT_OPTIONS, outputSettings, runBench, writeResults, type OutputSettings } from './support/options.js';
import { median } from './support/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET = 1.15;

const USAGE = `Usage: npm run bench:rls -- [options]

  --engines <list>   pglite, postgres, pgvector (default all three; pgvector where the machine has it)
  --scale <n>        dataset scale (default 20)
  --store <id>       the store measured (default seattle, the largest physical store)
  --runs <n>         measured runs per query and side, alternating sides (default 15)
  --seed <n>         dataset seed (default 42)
  --as-of <date>     last day of the sales (default 2025-06-30)
  --out <dir>        results directory (default bench/results)
  --label <name>     suffix for the results files
  --no-write         print only, write no files
  --help`;

interface Options extends OutputSettings {
  engines: BenchEngineKind[];
  scale: number;
  store: string;
  runs: number;
  seed: number;
  asOf: string;
}

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      engines: { type: 'string' },
      scale: { type: 'string' },
      store: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      ...OUTPUT_OPTIONS,
    },
    strict: true,
  });
  if (values.help) return undefined;
  const asOf = values['as-of'] ?? '2025-06-30';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new BenchUsageError(`--as-of must be YYYY-MM-DD, not ${asOf}`);
  const store = values.store ?? 'seattle';
  if (!/^[a-z0-9_]+$/.test(store)) throw new BenchUsageError(`--store must be a store id, not ${store}`);
  return {
    engines: parseBenchEngines(values.engines ?? 'pglite,postgres,pgvector', (message) => new BenchUsageError(message)),
    scale: numberOption(values.scale, 'scale', 20, { integer: false, least: 0.01 }),
    store,
    runs: numberOption(values.runs, 'runs', 15, { least: 3 }),
    seed: numberOption(values.seed, 'seed', 42),
    asOf,
    ...outputSettings(values, path.join(ROOT, 'bench', 'results')),
  };
}

const started = performance.now();
function log(message: string): void {
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${message}`);
}

interface Side {
  /** The statement alone, from the client. */
  statementMs: number[];
  /** The whole transaction: BEGIN, its settings (the store context on the store side), the statement, COMMIT. */
  transactionMs: number[];
  rows: number;
  scans: ScanEvidence[];
}

interface QueryResult {
  engine: BenchEngineKind;
  query: string;
  kind: RlsQuery['kind'];
  store: Side;
  owner: Side;
}

type Execute = DatabasePort['query'];

/** A side: how it opens its transaction, and the statement it runs there. */
interface Runner {
  run(work: (execute: Execute) => Promise<void>): Promise<void>;
  statement(query: RlsQuery): { sql: string; params: unknown[] };
}

function storeRunner(session: StoreSession): Runner {
  return {
    run: (work) => session.read((tx) => work((sql, params, options) => tx.query(sql, params, options))),
    statement: (query) => ({ sql: query.sql, params: query.params }),
  };
}

/** The owner, read-only, with the store session's search path and planner settings; the store filter is in its SQL. */
function ownerRunner(db: DatabasePort, storeIds: readonly string[]): Runner {
  const names = ['search_path', ...Object.keys(STORE_PLANNER_SETTINGS)];
  const values = [STORE_SEARCH_PATH, ...Object.values(STORE_PLANNER_SETTINGS)];
  return {
    run: (work) =>
      db.transaction({ role: 'owner', readOnly: true }, async (tx) => {
        await tx.query('SELECT set_config(s.name, s.value, true) FROM unnest($1::text[], $2::text[]) AS s(name, value)', [names, values]);
        await work((sql, params, options) => tx.query(sql, params, options));
      }),
    statement: (query) => ({ sql: query.ownerSql, params: [...query.params, storeIds] }),
  };
}

async function explain(side: Runner, query: RlsQuery): Promise<ScanEvidence[]> {
  let scans: ScanEvidence[] = [];
  const { sql, params } = side.statement(query);
  await side.run(async (execute) => {
    const { rows } = await execute<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const plan = rows[0]!['QUERY PLAN'];
    scans = storeFilterEvidence(typeof plan === 'string' ? JSON.parse(plan) : plan);
  });
  return scans;
}

async function timeOnce(side: Runner, query: RlsQuery): Promise<{ statementMs: number; transactionMs: number; rows: number }> {
  let statementMs = 0;
  let rows = 0;
  const { sql, params } = side.statement(query);
  const began = performance.now();
  await side.run(async (execute) => {
    const t = performance.now();
    rows = (await execute(sql, params)).rows.length;
    statementMs = performance.now() - t;
  });
  return { statementMs, transactionMs: performance.now() - began, rows };
}

async function measureQuery(engine: BenchEngineKind, query: RlsQuery, sides: { store: Runner; owner: Runner }, runs: number): Promise<QueryResult> {
  const result: QueryResult = {
    engine,
    query: query.name,
    kind: query.kind,
    store: { statementMs: [], transactionMs: [], rows: 0, scans: await explain(sides.store, query) },
    owner: { statementMs: [], transactionMs: [], rows: 0, scans: await explain(sides.owner, query) },
  };
  // Two unmeasured runs each, then alternating which side goes first, so that both see the same caches and drift.
  for (const side of ['store', 'owner', 'store', 'owner'] as const) await timeOnce(sides[side], query);
  for (let run = 0; run < runs; run++) {
    for (const side of run % 2 === 0 ? (['store', 'owner'] as const) : (['owner', 'store'] as const)) {
      const sample = await timeOnce(sides[side], query);
      result[side].statementMs.push(sample.statementMs);
      result[side].transactionMs.push(sample.transactionMs);
      result[side].rows = sample.rows;
    }
  }
  if (result.store.rows !== result.owner.rows) throw new Error(`${query.name}: ${result.store.rows} rows as the store, ${result.owner.rows} as the owner`);
  return result;
}

async function measureEngine(engine: BenchEngine, options: Options): Promise<{ results: QueryResult[]; initMs: number }> {
  const fresh = await engine.freshEmpty();
  try {
    log(`${engine.kind}: init at scale ${options.scale}`);
    const began = performance.now();
    await initialiseDatabase(fresh.db, { seed: options.seed, scale: options.scale, asOf: options.asOf, force: false });
    const initMs = performance.now() - began;
    // Settled tables on both sides: visibility map and hint bits, as a database that has been up a while.
    await fresh.db.query('VACUUM (ANALYZE) retail.customers, retail.products, retail.sales_transactions, retail.sales_transaction_items');
    const sessions = await StoreSessions.open(fresh.db, { statementTimeoutMs: 120_000, tempFileLimitMb: 1024 });
    const sides = { store: storeRunner(sessions.forStores([options.store])), owner: ownerRunner(fresh.db, [options.store]) };
    const results: QueryResult[] = [];
    for (const query of [...reportQueries(options.asOf, options.store), ...analyticQueries(options.asOf)]) {
      const result = await measureQuery(engine.kind, query, sides, options.runs);
      results.push(result);
      log(`${engine.kind} ${query.name}: store ${median(result.store.statementMs).toFixed(1)} ms, owner ${median(result.owner.statementMs).toFixed(1)} ms, ratio ${ratioOf(result).toFixed(2)}`);
    }
    return { results, initMs };
  } finally {
    await fresh.dispose();
  }
}

/** Median over runs of store / owner within each alternating pair. */
function ratioOf(result: QueryResult, key: 'statementMs' | 'transactionMs' = 'statementMs'): number {
  return median(result.store[key].map((ms, index) => ms / result.owner[key][index]!));
}

interface Report {
  date: string;
  command: string;
  options: Omit<Options, 'out' | 'label' | 'write'>;
  machine: MachineInfo;
  engines: Record<string, string>;
  notRun: Record<string, string>;
  initMs: Record<string, number>;
  results: QueryResult[];
  elapsedSeconds: number;
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

function markdown(report: Report): string {
  const missed = report.results.filter((result) => ratioOf(result) > TARGET);
  const scansOff = report.results.filter((result) => result.store.scans.some((scan) => scan.store !== 'index condition'));
  return [
    `# The cost of row-level security (${report.date})`,
    '',
    `\`${report.command}\`: scale ${report.options.scale} (seed ${report.options.seed}, sales to ${report.options.asOf}), store \`${report.options.store}\`, ${report.options.runs} runs per query and side; ${Math.round(report.elapsedSeconds / 60)} minutes in all.`,
    '',
    `Target: store / owner at most ${TARGET} for every query. ${missed.length === 0 ? '**Met** on every query and engine.' : `**Missed** by ${missed.map((result) => `${result.query} on ${result.engine} (${ratioOf(result).toFixed(2)})`).join(', ')}.`}`,
    '',
    '## Store session against owner (medians)',
    '',
    '| engine | query | rows | store ms | owner ms | store / owner | range (p25-p75 of pair ratios) | whole transaction: store / owner |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.results.map((result) => {
      const pairs = result.store.statementMs.map((value, index) => value / result.owner.statementMs[index]!).sort((a, b) => a - b);
      const quartile = (q: number) => pairs[Math.min(pairs.length - 1, Math.floor(q * pairs.length))]!;
      return `| ${result.engine} | ${result.query} | ${result.store.rows} | ${ms(median(result.store.statementMs))} | ${ms(median(result.owner.statementMs))} | **${ratioOf(result).toFixed(2)}** | ${quartile(0.25).toFixed(2)}-${quartile(0.75).toFixed(2)} | ${ratioOf(result, 'transactionMs').toFixed(2)} |`;
    }),
    '',
    '## Where the store filter is applied (EXPLAIN, store side)',
    '',
    scansOff.length === 0
      ? 'On every scan of a tenant table, in every query and engine, the policy\'s `store_id = ANY (...)` is an index condition.'
      : `Scans where the policy's predicate is not an index condition: ${scansOff.length} queries (below).`,
    '',
    '| engine | query | store side: scans of tenant tables | owner side |',
    '| --- | --- | --- | --- |',
    ...report.results.map((result) => `| ${result.engine} | ${result.query} | ${describeScans(result.store.scans)} | ${describeScans(result.owner.scans)} |`),
    '',
    '## What is measured',
    '',
    `- **store**: \`StoreSession.read\` as the MCP tools use it (a read-only transaction as mcp_user with \`retail.set_store_context('${report.options.store}')\`, the search path, the statement timeout and temp_file_limit), the statement run inside it; the policies add \`store_id = ANY (retail.current_store_ids())\` to every tenant table.`,
    `- **owner**: the schema owner (its policy is \`USING (true)\`) in a read-only transaction with the store session's search path and planner settings (${Object.entries(STORE_PLANNER_SETTINGS).map(([name, value]) => `${name} = ${value}`).join(', ')}), running the same query with \`store_id = ANY ($n)\` written on every tenant table (in ON for joins), $n = \`{${report.options.store}}\` as a parameter (bench/rls/queries.ts). Same rows (checked), so the difference is what row-level security costs over writing the store filter by hand.`,
    '- Reports: the SQL of `sales_report` (src/services/salesReports/reportQueries.ts) with the tool\'s default period (the last 30 days; monthly_sales 365) ending on the last day of the sales, all bound stores together. Analytic queries: five over the whole year, of the kind a model writes (bench/rls/queries.ts); they run through the store session directly, not through the SQL guard and its cursor, so that only row-level security differs.',
    '- "store / owner" is the median of per-pair ratios (each pair run back to back, the order alternating); the statement is timed from the client. "whole transaction" includes BEGIN, the store context (one round trip) or the search path, and COMMIT.',
    `- Shared machine (${report.machine.cores} cores; load average ${report.machine.loadAverageAtStart.join(' / ')} at start, ${(report.machine.loadAverageAtEnd ?? []).join(' / ')} at end): compare within a row.`,
    '',
    '## Engines',
    '',
    ...Object.entries(report.engines).map(([engine, description]) => `- ${engine}: ${description}; init at scale ${report.options.scale} took ${((report.initMs[engine] ?? 0) / 1000).toFixed(1)} s`),
    ...Object.entries(report.notRun).map(([engine, reason]) => `- ${engine}: ${reason}`),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  const machine = machineInfo();
  log(`machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadAverageAtStart.join(' / ')}`);
  const report: Report = {
    date: new Date().toISOString().slice(0, 10),
    command: `npm run bench:rls${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    options: { engines: options.engines, scale: options.scale, store: options.store, runs: options.runs, seed: options.seed, asOf: options.asOf },
    machine,
    engines: {},
    notRun: {},
    initMs: {},
    results: [],
    elapsedSeconds: 0,
  };
  for (const kind of options.engines) {
    const engine = await openBenchEngine(kind);
    if ('missing' in engine) {
      report.notRun[kind] = `NOT RUN: ${engine.missing}`;
      log(`${kind}: ${report.notRun[kind]}`);
      continue;
    }
    try {
      report.engines[kind] = engine.description;
      const { results, initMs } = await measureEngine(engine, options);
      report.results.push(...results);
      report.initMs[kind] = initMs;
    } finally {
      await engine.close();
    }
  }
  machine.loadAverageAtEnd = loadAverageNow();
  report.elapsedSeconds = (performance.now() - started) / 1000;
  const text = markdown(report);
  console.log(text);
  if (!options.write) return;
  const base = writeResults(options, 'rls', report.date, text, report);
  log(`wrote ${path.relative(ROOT, base)}.md and .json`);
}

await runBench(main);
