/**
 * Search benchmark: store-filtered vector search through the app's real code path
 * (withStoreContext + vectorCandidates) against exact search, on PGlite and on a
 * native PostgreSQL with pgvector, side by side on the same synthetic clustered
 * vectors; HNSW build time; embedding throughput.
 *
 *   npm run bench:search                 all six configurations on both engines (about 30-40 minutes)
 *   npm run bench:search -- --quick      the 10k configurations only
 *   npm run bench:search -- --help
 *
 * Writes bench/results/search-YYYY-MM-DD[-label].md and .json. Nothing here
 * asserts on time: the numbers are for reading, side by side, from one run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ALL_CONFIGS, CLUSTERS, NOISE, QUICK_CONFIGS, WANTED, type BenchConfig } from './search/config.js';
import { STORED_SCALE } from './search/vectors.js';
import { HNSW_EF_SEARCH } from '../src/search/vectorCandidates.js';
import { analyzeDataset, loadDataset, maintenanceWorkMemBytes, rebuildIndex } from './search/dataset.js';
import { databaseSettings, engineVersions, type DatabaseSettings, type EngineVersions } from './search/environment.js';
import { pgvectorBenchEngine, type BenchEngine } from './support/engines.js';
import { loadAverageNow, machineInfo } from './support/machine.js';
import { BenchUsageError, numberOption, OUTPUT_OPTIONS, outputSettings, runBench, type OutputSettings } from './support/options.js';
import { openAiThroughput, productTexts, tinyModelThroughput, type ThroughputResult } from './search/embeddingThroughput.js';
import { explainPlans, measureSearch, sweepIndexSettings, type SweepResult } from './search/measure.js';
import {
  beforeAnalyzeTable,
  compactJson,
  embeddingTable,
  loadTable,
  markdown,
  resultLabel,
  sampleColumns,
  searchTables,
  settingLabel,
  sweepTable,
  verdict,
  type BenchReport,
  type ConfigResult,
  type SearchEngine,
} from './search/report.js';

const TARGET = 0.95;
/** Queries measured before VACUUM (ANALYZE), per configuration. */
const BEFORE_ANALYZE_QUERIES = 20;
const USAGE = `Usage: npm run bench:search -- [options]

  --quick              the 10k configurations only (${QUICK_CONFIGS.map((entry) => entry.id).join(', ')})
  --config <ids>       comma-separated configuration ids (default: all: ${ALL_CONFIGS.map((entry) => entry.id).join(', ')})
  --engines <list>     pglite, pgvector (the native PostgreSQL with pgvector the tests start) or both (default both)
  --queries <n>        measured queries per configuration (default 200)
  --warmup <n>         unmeasured queries first (default 10)
  --seed <n>           data and query seed (default 42)
  --storage <where>    disk (a temporary data directory, default) or memory
  --build-memory <size> maintenance_work_mem for the HNSW builds, e.g. 1GB (default: the session default, as the app builds)
  --compare-build-memory <size>  when an index outgrew the build's maintenance_work_mem, build it again
                       with this much, for comparison (default 1GB; 0 skips)
  --sweep <when>       auto (default: for configurations where some query's recall@10 fell below
                       the target), all or none: the HNSW statement alone under other ef_search,
                       iterative scan and over-fetch settings, same queries
  --embedding-texts <n> texts for the embedding throughput (default 2000; 0 skips it)
  --out <dir>          results directory (default bench/results)
  --label <name>       suffix for the results files (default: none for a full run, else quick or partial)
  --no-write           print only, write no files
  --help`;

interface Options extends OutputSettings {
  configs: BenchConfig[];
  engines: SearchEngine[];
  queries: number;
  warmup: number;
  seed: number;
  storage: 'disk' | 'memory';
  buildMemory: string | undefined;
  compareBuildMemory: string | undefined;
  sweep: 'auto' | 'all' | 'none';
  embeddingTexts: number;
}

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      config: { type: 'string' },
      engines: { type: 'string' },
      queries: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      storage: { type: 'string' },
      'build-memory': { type: 'string' },
      'compare-build-memory': { type: 'string' },
      sweep: { type: 'string' },
      'embedding-texts': { type: 'string' },
      ...OUTPUT_OPTIONS,
    },
    strict: true,
  });
  if (values.help) return undefined;
  let configs = values.quick ? [...QUICK_CONFIGS] : [...ALL_CONFIGS];
  if (values.config) {
    const wanted = values.config.split(',').map((id) => id.trim()).filter(Boolean);
    const unknown = wanted.filter((id) => !ALL_CONFIGS.some((entry) => entry.id === id));
    if (unknown.length > 0) throw new BenchUsageError(`unknown configuration ${unknown.join(', ')}; known: ${ALL_CONFIGS.map((entry) => entry.id).join(', ')}`);
    configs = ALL_CONFIGS.filter((entry) => wanted.includes(entry.id));
  }
  const engines = (values.engines ?? 'pglite,pgvector').split(',').map((text) => text.trim());
  for (const engine of engines) if (engine !== 'pglite' && engine !== 'pgvector') throw new BenchUsageError(`--engines takes pglite and pgvector, not ${engine}`);
  const storage = values.storage ?? 'disk';
  if (storage !== 'disk' && storage !== 'memory') throw new BenchUsageError(`--storage must be disk or memory, not ${storage}`);
  const sweep = values.sweep ?? 'auto';
  if (sweep !== 'auto' && sweep !== 'all' && sweep !== 'none') throw new BenchUsageError(`--sweep must be auto, all or none, not ${sweep}`);
  const defaultOut = fileURLToPath(new URL('./results', import.meta.url));
  return {
    configs,
    engines: engines as SearchEngine[],
    queries: numberOption(values.queries, 'queries', 200, { least: 1 }),
    warmup: numberOption(values.warmup, 'warmup', 10),
    seed: numberOption(values.seed, 'seed', 42),
    storage,
    buildMemory: values['build-memory'],
    compareBuildMemory: values['compare-build-memory'] === '0' ? undefined : (values['compare-build-memory'] ?? '1GB'),
    sweep,
    embeddingTexts: numberOption(values['embedding-texts'], 'embedding-texts', 2000),
    ...outputSettings(values, defaultOut),
  };
}

interface Environment {
  versions?: EngineVersions;
  settings?: DatabaseSettings;
  /** products x dimensions whose index was already built again for comparison. */
  rebuilt: Set<string>;
}

const started = performance.now();
function log(message: string): void {
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${message}`);
}

async function runConfig(config: BenchConfig, engine: SearchEngine, native: BenchEngine | undefined, options: Options, environment: Environment): Promise<ConfigResult> {
  log(`${config.id} on ${engine}: ${config.products} products, ${config.dimensions} dimensions, ${config.stores} stores`);
  const dataset = await loadDataset(config, { seed: options.seed, storage: options.storage, buildMemory: options.buildMemory, log, ...(native ? { open: () => native.freshEmpty() } : {}) });
  try {
    if (engine === 'pglite') {
      environment.versions ??= await engineVersions(dataset.db);
      environment.settings ??= await databaseSettings(dataset.db);
    }
    log(`  loaded in ${(dataset.timings.loadMs / 1000).toFixed(1)} s, HNSW build ${(dataset.timings.indexBuildMs / 1000).toFixed(1)} s`);
    const probeStore = dataset.storeIds[0]!;
    const plansWithoutStatistics = await explainPlans(dataset, probeStore);
    const beforeAnalyze = await measureSearch(dataset, {
      queries: Math.min(options.queries, BEFORE_ANALYZE_QUERIES),
      warmup: 2,
      seed: options.seed + 2000 + config.stores,
      target: TARGET,
    });
    log(`  before ANALYZE: app p50 ${beforeAnalyze.summary.app.ms.p50.toFixed(1)} ms (${beforeAnalyze.summary.app.hnswPlans} HNSW plans), exact p50 ${beforeAnalyze.summary.exactMs.p50.toFixed(1)} ms`);
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
    let rebuild: ConfigResult['rebuild'];
    let sweep: SweepResult[] | undefined;
    const someBelow = run.summary.app.recall.belowTarget > 0 || run.summary.hnsw.recall.belowTarget > 0;
    if (options.sweep === 'all' || (options.sweep === 'auto' && someBelow)) {
      log(`  some queries fell below recall@10 ${TARGET}: sweeping HNSW settings over the same ${run.references.length} queries`);
      sweep = await sweepIndexSettings(dataset, run.references, TARGET);
      for (const entry of sweep) {
        log(`    ${settingLabel(entry.setting)}: recall ${entry.recall.mean.toFixed(3)} (min ${entry.recall.min}, ${entry.recall.belowHalf} < 0.5), p50 ${entry.ms.p50.toFixed(1)} ms`);
      }
    }
    const buildKey = `${engine} ${config.products}x${config.dimensions}`;
    const bigIndex = dataset.sizes.indexBytes > (await maintenanceWorkMemBytes(dataset.db));
    if (options.compareBuildMemory && !options.buildMemory && bigIndex && !environment.rebuilt.has(buildKey)) {
      // Once per size and dimension: the number of stores does not enter the index.
      environment.rebuilt.add(buildKey);
      log(`  the index (${(dataset.sizes.indexBytes / 2 ** 20).toFixed(0)} MiB) is larger than maintenance_work_mem: building it again with ${options.compareBuildMemory}`);
      rebuild = { maintenanceWorkMem: options.compareBuildMemory, ms: await rebuildIndex(dataset, options.compareBuildMemory) };
      log(`  rebuilt in ${(rebuild.ms / 1000).toFixed(1)} s`);
    }
    return {
      config,
      engine,
      model: dataset.model,
      indexName: dataset.indexName,
      storeSizes: dataset.storeSizes,
      timings: { ...dataset.timings, vacuumAnalyzeMs, measureMs },
      rebuild,
      sweep,
      sizes: dataset.sizes,
      plansWithoutStatistics,
      plans,
      plansHnswForced,
      beforeAnalyze: beforeAnalyze.summary,
      summary: run.summary,
      samples: sampleColumns(run.samples),
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
  const results = report.configurations;
  const noStatsExact = results.filter((result) => result.beforeAnalyze.app.hnswPlans === 0).map(resultLabel);
  const statsExact = results.filter((result) => result.summary.app.hnswPlans === 0).map(resultLabel);
  const rebuilt = results.filter((result) => result.rebuild);
  const list = (labels: string[]) => (labels.length === results.length ? 'every configuration' : labels.join(', '));
  const notes = [
    `Shared, noisy machine (${report.machine.cores} cores; load average ${report.machine.loadAverageAtStart.join(' / ')} at start, ${(report.machine.loadAverageAtEnd ?? []).join(' / ')} at end, other jobs running): ` +
      'latencies and build times are indicative only; compare the columns of one run (the three ways run in blocks of 10 queries, their order rotating from block to block, so that each keeps its own cache and all share the drift), not runs with each other. No timing is asserted anywhere.',
    'PGlite is single-threaded WebAssembly: HNSW builds run on one core and every statement is serialised through one worker thread. The native server builds HNSW indexes with parallel workers where the table is large enough (max_parallel_maintenance_workers) and answers over TCP.',
  ];
  if (statsExact.length > 0) {
    notes.push(
      `After VACUUM (ANALYZE) the planner does not use the HNSW index for ${list(statsExact)}: with about 1% of the rows in the store it reads the store's rows through idx_product_embeddings_store_id and sorts them, ` +
        'so table A is exact there (recall 1.0 by plan, not by fallback) and cheaper than an HNSW scan that must skip the other 99 stores. Table B forces the HNSW plan to show what the index delivers when the planner does choose it (more rows per store, other statistics).',
    );
  } else {
    notes.push('After VACUUM (ANALYZE) the planner used the HNSW index in every configuration.');
  }
  if (noStatsExact.length > 0) {
    notes.push(
      `Before VACUUM (ANALYZE), i.e. right after a bulk load or \`zava-mcp embed\` (PGlite has no autovacuum, and embed does not analyse), the planner has no statistics on product_embeddings, estimates the store and model filters with default selectivities and reads the store exactly in ${list(noStatsExact)} (table C): ` +
        'correct results, but at exact-scan cost (for large stores many times the HNSW latency) until something runs ANALYZE (`zava-mcp maintenance`).',
    );
  }
  notes.push(
    'Exact fallbacks: vectorCandidates runs NEAREST_EXACT_SQL when its HNSW statement returns fewer rows than wanted; a fallback makes that query\'s recall trivially 1.0, so "index statement alone" reports the HNSW statement\'s own first 10 rows (taken from the very call, so with identical settings).',
    'Recall@10: a returned product counts when it is in the exact top 10 of the same store session (or ties the 10th similarity); mean over queries, min = worst query. The target is read on the mean.',
    'The exact reference is the app\'s NEAREST_EXACT_SQL (its ORDER BY is on `embedding <=> $1::vector`, which no HNSW index can serve); its plan is under "Plans".',
    `Stored vectors are sent as integers (unit vector x ${STORED_SCALE.toLocaleString('en-US')}, rounded): PGlite's WebAssembly float parser is about ten times slower on decimal fractions. Cosine distance ignores length and the HNSW cosine opclass normalises, so the search is that of the unit vectors; query vectors go through the app's toVectorLiteral (Float32Array, full precision), as a search sends them.`,
    'Load order: products (5,000 per statement), ANALYZE retail.products, then vectors. Without that ANALYZE the vector load was quadratic: the foreign-key check of product_embeddings kept a plan made while products looked empty (PGlite has one backend for its whole life, so the cached plan is never replaced) and scanned products for every row (measured while writing this benchmark: 9.7 s per 2,000 rows at 60k products, 27 ms with statistics).',
  );
  for (const result of results) {
    const outliers = (['app', 'hnsw'] as const).filter((variant) => result.summary[variant].hnswPlans > 0 && result.summary[variant].recall.min < 0.5);
    if (outliers.length === 0) continue;
    const summary = result.summary[outliers[0]!];
    const baseline = result.sweep?.[0];
    const fixes = (result.sweep ?? []).slice(1).filter((entry) => entry.recall.belowHalf === 0 && baseline && entry.recall.mean >= baseline.recall.mean);
    const cheapest = fixes.sort((a, b) => a.ms.p50 - b.ms.p50)[0];
    notes.push(
      `${resultLabel(result)}: recall@10 averages ${summary.recall.mean.toFixed(3)}, above the target, but single queries fall far below it (worst ${summary.recall.min.toFixed(1)}; ${summary.recall.belowTarget} of ${result.summary.queries} below ${report.target.recallAt10}). ` +
        'For those the HNSW scan returned full rows from the wrong part of the graph: 100 nearly orthogonal clusters are a hard case for HNSW navigation (real text embeddings of unrelated products are far less separated), and no exact fallback triggers because the rows are not short. ' +
        (baseline && cheapest
          ? `In the sweep (table D) ${settingLabel(cheapest.setting)} removes the queries below 0.5 in this sample (recall ${cheapest.recall.mean.toFixed(3)}, p50 ${cheapest.ms.p50.toFixed(1)} ms against ${baseline.ms.p50.toFixed(1)} ms for the app's setting). `
          : 'See table D for other settings. ') +
        `The app's ef_search is ${HNSW_EF_SEARCH} (raised from 100 after a run that showed such misses); ef_search is the lever, strict_order and a larger over-fetch are not.`,
    );
  }
  for (const result of rebuilt) {
    const rebuild = result.rebuild!;
    const ratio = result.timings.indexBuildMs / rebuild.ms;
    const sizes = `the HNSW index of ${result.config.products.toLocaleString('en-US')} x ${result.config.dimensions}-d vectors (${(result.sizes.indexBytes / 2 ** 20).toFixed(0)} MiB on disk)`;
    const times = `${(result.timings.indexBuildMs / 1000).toFixed(0)} s as ensure_embedding_index runs it (session maintenance_work_mem ${report.databaseSettings.maintenance_work_mem ?? '?'}), ${(rebuild.ms / 1000).toFixed(0)} s built again with maintenance_work_mem = ${rebuild.maintenanceWorkMem}`;
    notes.push(
      ratio >= 1.5
        ? `${resultLabel(result)}: ${sizes} does not fit the default maintenance_work_mem, so pgvector finished the build on disk: ${times} (${ratio.toFixed(1)}x faster). ` +
            'ensure_embedding_index (schema/010_vector.sql) and whoever bulk-builds or reindexes should raise maintenance_work_mem for that transaction.'
        : `${resultLabel(result)}: ${sizes}: ${times}, no real difference (${ratio.toFixed(1)}x): the in-memory graph still fitted.`,
    );
  }
  return notes;
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
  log(`search benchmark: ${options.configs.map((entry) => entry.id).join(', ')} on ${options.engines.join(', ')}; ${options.queries} queries each; ${machine.cores} cores, load average ${machine.loadAverageAtStart.join(' / ')}`);
  const environment: Environment = { rebuilt: new Set() };
  const configurations: ConfigResult[] = [];
  const engines = {} as Record<SearchEngine, string>;
  let native: BenchEngine | undefined;
  if (options.engines.includes('pgvector')) {
    const opened = await pgvectorBenchEngine();
    if ('missing' in opened) {
      engines.pgvector = `NOT RUN: ${opened.missing}`;
      log(`pgvector: ${engines.pgvector}`);
    } else {
      native = opened;
      const probe = await native.freshEmpty();
      const version = (await probe.db.query<{ version: string }>('SELECT version()')).rows[0]!.version.split(',')[0]!;
      engines.pgvector = `${native.description}; ${version}`;
      await probe.dispose();
    }
  }
  try {
    // Side by side: each configuration on one engine, then on the other, before the next configuration.
    for (const config of options.configs) {
      for (const engine of options.engines) {
        if (engine === 'pgvector' && !native) continue;
        configurations.push(await runConfig(config, engine, engine === 'pgvector' ? native : undefined, options, environment));
      }
    }
  } finally {
    await native?.close();
  }
  if (environment.versions) {
    engines.pglite = `PGlite ${environment.versions.pglite} (${environment.versions.postgres.split(',')[0]}), pgvector ${environment.versions.pgvector}, data ${options.storage === 'disk' ? 'in a temporary directory' : 'in memory'}, in a worker thread as the app runs it`;
  }
  const embeddings = await embeddingThroughput(options);
  machine.loadAverageAtEnd = loadAverageNow();
  const verdicts = configurations.map((result) => ({ config: resultLabel(result), ...verdict(result, TARGET) }));
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
      sweep: options.sweep,
      buildMemory: options.buildMemory ?? 'session default',
      target: TARGET,
      embeddingTexts: options.embeddingTexts,
    },
    machine,
    versions: environment.versions ?? { pglite: '?', pglitePgvector: '?', postgres: '?', pgvector: '?', transformers: '?', onnxruntimeNode: '?' },
    engines,
    databaseSettings: environment.settings ?? {},
    searchSettings:
      `vectorCandidates (src/search/vectorCandidates.ts): wanted ${WANTED}, threshold -1 (every product qualifies), fetch = max(2 x wanted, 40) rows from the HNSW statement, ` +
      "hnsw.iterative_scan = relaxed_order, hnsw.ef_search = max(fetch, 100), transaction-local; exact fallback when fewer than wanted come back; both the HNSW and the exact statement keep only active products (a scalar subquery on products per candidate row). HNSW index: pgvector defaults (m = 16, ef_construction = 64), vector_cosine_ops, partial per model.",
    data:
      `${CLUSTERS} random unit centroids per configuration; each vector = centroid + Gaussian noise of norm ${NOISE} (per component ${NOISE}/sqrt(d)), normalised ` +
      `(same-cluster cosine about ${(1 / (1 + NOISE * NOISE)).toFixed(2)}, other clusters about 0); products assigned to stores uniformly at random; ` +
      `queries drawn the same way (fresh draws), each for a random store; mulberry32 PRNG, seed ${options.seed} (vectors and store assignment from separate streams, so both store layouts of one size hold the same vectors). ` +
      "4-store configurations use the schema's four stores, 100-store ones s001..s100. Products are minimal rows (id, sku, name, price), all active.",
    configurations,
    embeddings,
    target: { recallAt10: TARGET, met: verdicts.every((entry) => entry.met), verdicts },
  };
  const report: BenchReport = { ...base, notes: notes(base) };

  console.log('');
  console.log(searchTables(configurations));
  console.log('');
  console.log('### C. as the app runs it, before VACUUM (ANALYZE)');
  console.log('');
  console.log(beforeAnalyzeTable(configurations));
  if (configurations.some((result) => result.sweep)) {
    console.log('');
    console.log('### D. HNSW settings sweep');
    console.log('');
    console.log(sweepTable(configurations));
  }
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
    writeFileSync(path.join(options.out, `${name}.json`), `${compactJson(report)}\n`);
    console.log(`\nwrote ${path.relative(process.cwd(), path.join(options.out, name))}.md and .json`);
  }
}

await runBench(main);
