import type { BenchConfig } from './config.js';
import type { LoadTimings } from './dataset.js';
import type { DatabaseSettings, EngineVersions } from './environment.js';
import type { MachineInfo } from '../support/machine.js';
import type { ThroughputResult } from './embeddingThroughput.js';
import { VARIANT_LABEL, type ApproxSummary, type PlanSummary, type QuerySample, type SearchSummary, type SweepResult, type SweepSetting, type Variant } from './measure.js';

/** Where a configuration was measured: PGlite, or the native PostgreSQL with pgvector. */
export type SearchEngine = 'pglite' | 'pgvector';

export interface ConfigResult {
  config: BenchConfig;
  engine: SearchEngine;
  model: string;
  indexName: string;
  storeSizes: { min: number; max: number };
  timings: LoadTimings & { vacuumAnalyzeMs: number; measureMs: number };
  /** The same index built again with more maintenance_work_mem, when the first build's graph did not fit in it. */
  rebuild?: { maintenanceWorkMem: string; ms: number };
  /** The HNSW statement alone under other settings, for configurations where some query fell below the target. */
  sweep?: SweepResult[];
  sizes: { tableBytes: number; toastBytes: number; indexBytes: number };
  /** Plans before VACUUM (ANALYZE): the state right after a load or `zava-mcp embed`. */
  plansWithoutStatistics: PlanSummary;
  /** Plans after it, as measured. */
  plans: PlanSummary;
  plansHnswForced: PlanSummary;
  /** A few queries before VACUUM (ANALYZE), i.e. right after the load: what a search gets until statistics exist. */
  beforeAnalyze: SearchSummary;
  summary: SearchSummary;
  /** Per query, one array per measurement (query i is index i everywhere). */
  samples: Record<string, (string | number | boolean)[]>;
}

/** Per-query samples as columns: short to store, easy to load into anything. */
export function sampleColumns(samples: QuerySample[]): Record<string, (string | number | boolean)[]> {
  const columns: Record<string, (string | number | boolean)[]> = {};
  const put = (name: string, value: string | number | boolean) => (columns[name] ??= []).push(value);
  for (const sample of samples) {
    put('store', sample.store);
    for (const variant of ['app', 'hnsw'] as const) {
      const entry = sample[variant];
      put(`${variant}Ms`, entry.ms);
      put(`${variant}TransactionMs`, entry.transactionMs);
      put(`${variant}Rows`, entry.rows);
      put(`${variant}Recall`, entry.recall);
      put(`${variant}ExactFallback`, entry.exact);
      put(`${variant}IndexMs`, entry.indexMs);
      put(`${variant}IndexRows`, entry.indexRows);
      put(`${variant}IndexRecall`, entry.indexRecall);
      put(`${variant}UsesHnsw`, entry.usesHnsw);
    }
    put('exactMs', sample.exact.ms);
    put('exactTransactionMs', sample.exact.transactionMs);
    put('exactRows', sample.exact.rows);
  }
  return columns;
}

/** JSON with two-space indentation, except that arrays of plain values stay on one line; numbers to a microsecond. */
export function compactJson(value: unknown, indent = ''): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'null';
    return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return `[${value.map((item) => compactJson(item)).join(',')}]`;
    return `[\n${value.map((item) => inner + compactJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${compactJson(item, inner)}`).join(',\n')}\n${indent}}`;
}

export interface BenchReport {
  benchmark: 'search';
  startedAt: string;
  finishedAt: string;
  totalSeconds: number;
  command: string;
  options: { configs: string[]; queries: number; warmup: number; seed: number; storage: string; sweep: string; buildMemory: string; target: number; embeddingTexts: number };
  machine: MachineInfo;
  versions: EngineVersions;
  /** Per engine: what ran (server and pgvector versions, how it was started), or why it did not. */
  engines: Record<SearchEngine, string>;
  databaseSettings: DatabaseSettings;
  searchSettings: string;
  data: string;
  configurations: ConfigResult[];
  embeddings: ThroughputResult[];
  target: { recallAt10: number; met: boolean; verdicts: { config: string; met: boolean; why: string }[] };
  notes: string[];
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const seconds = (value: number) => (value / 1000).toFixed(1);
const recall = (value: number) => value.toFixed(3);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** Whether the store-filtered search as the app runs it meets the issue's target in one configuration. */
export function verdict(result: ConfigResult, target: number): { met: boolean; why: string } {
  const app = result.summary.app;
  const full = app.rows.min === 10;
  const good = app.recall.mean >= target;
  const how =
    app.hnswPlans === 0
      ? 'planner read the store exactly (no HNSW plan)'
      : app.hnswPlans === result.summary.queries
        ? 'HNSW plan'
        : `HNSW plan for ${app.hnswPlans}/${result.summary.queries} queries`;
  const spread = `worst query ${app.recall.min.toFixed(1)}, ${app.recall.belowTarget}/${result.summary.queries} queries below ${target}`;
  if (full && good) return { met: true, why: `full results, recall@10 ${recall(app.recall.mean)} (${spread}; ${how}, ${app.exactFallbacks} exact fallbacks)` };
  const problems = [full ? '' : `short results (min ${app.rows.min} rows)`, good ? '' : `recall@10 ${recall(app.recall.mean)} < ${target}`].filter(Boolean);
  return { met: false, why: `${problems.join(', ')} (${spread}; ${how})` };
}

/** A configuration on an engine, as the tables name it. */
export function resultLabel(result: ConfigResult): string {
  return `${result.config.id} ${result.engine}`;
}

function searchRows(results: ConfigResult[], variant: Variant): string[][] {
  return results.map((result) => {
    const s: ApproxSummary = result.summary[variant];
    const q = result.summary.queries;
    return [
      resultLabel(result),
      `${result.storeSizes.min}-${result.storeSizes.max}`,
      `${s.hnswPlans}/${q}`,
      `${recall(s.recall.mean)} (min ${recall(s.recall.min)})`,
      `${s.rows.min} / ${s.rows.mean.toFixed(1)}`,
      `${s.exactFallbacks}/${q}`,
      `${recall(s.indexRecall.mean)} (min ${recall(s.indexRecall.min)}, ${s.indexRecall.belowTarget} < 0.95)`,
      `${ms(s.ms.p50)} / ${ms(s.ms.p95)}`,
      `${ms(result.summary.exactMs.p50)} / ${ms(result.summary.exactMs.p95)}`,
      `${s.speedupP50.toFixed(2)}x / ${s.speedupP95.toFixed(2)}x`,
    ];
  });
}

const SEARCH_HEADER = [
  'config',
  'products/store',
  'HNSW plans',
  'recall@10 mean (min)',
  'rows min / mean',
  'exact fallbacks',
  'index statement alone: recall@10',
  'approx p50 / p95 ms',
  'exact p50 / p95 ms',
  'exact / approx (p50 / p95)',
];

export function searchTables(results: ConfigResult[]): string {
  return [
    `### A. ${VARIANT_LABEL.app}`,
    '',
    table(SEARCH_HEADER, searchRows(results, 'app')),
    '',
    `### B. ${VARIANT_LABEL.hnsw}`,
    '',
    table(SEARCH_HEADER, searchRows(results, 'hnsw')),
  ].join('\n');
}

export function settingLabel(setting: SweepSetting): string {
  return `${setting.iterativeScan}, ef_search ${setting.efSearch}, LIMIT ${setting.fetch}`;
}

export function sweepTable(results: ConfigResult[]): string {
  const rows: string[][] = [];
  for (const result of results) {
    for (const [index, entry] of (result.sweep ?? []).entries()) {
      rows.push([
        index === 0 ? resultLabel(result) : '',
        `${settingLabel(entry.setting)}${index === 0 ? ' (vectorCandidates today)' : ''}`,
        `${recall(entry.recall.mean)} (min ${recall(entry.recall.min)})`,
        String(entry.recall.belowTarget),
        String(entry.recall.belowHalf),
        String(entry.rows.min),
        `${ms(entry.ms.p50)} / ${ms(entry.ms.p95)}`,
      ]);
    }
  }
  return table(['config', 'HNSW statement setting', 'recall@10 mean (min)', 'queries < 0.95', 'queries < 0.5', 'rows min', 'p50 / p95 ms'], rows);
}

export function beforeAnalyzeTable(results: ConfigResult[]): string {
  return table(
    ['config', 'queries', 'HNSW plans', 'recall@10 mean (min)', 'rows min', 'approx p50 / p95 ms', 'exact p50 / p95 ms', 'exact / approx (p50)'],
    results.map((result) => {
      const s = result.beforeAnalyze;
      return [
        resultLabel(result),
        String(s.queries),
        `${s.app.hnswPlans}/${s.queries}`,
        `${recall(s.app.recall.mean)} (min ${recall(s.app.recall.min)})`,
        String(s.app.rows.min),
        `${ms(s.app.ms.p50)} / ${ms(s.app.ms.p95)}`,
        `${ms(s.exactMs.p50)} / ${ms(s.exactMs.p95)}`,
        `${s.app.speedupP50.toFixed(2)}x`,
      ];
    }),
  );
}

export function loadTable(results: ConfigResult[]): string {
  return table(
    ['config', 'open s', 'migrate s', 'bulk load s', 'HNSW build s', 'HNSW build s, more maintenance_work_mem', 'VACUUM ANALYZE s', 'heap MiB', 'TOAST MiB', 'HNSW index MiB', 'plan before ANALYZE', 'plan after ANALYZE'],
    results.map((result) => [
      resultLabel(result),
      seconds(result.timings.openMs),
      seconds(result.timings.migrateMs),
      seconds(result.timings.loadMs),
      `**${seconds(result.timings.indexBuildMs)}**`,
      result.rebuild ? `${seconds(result.rebuild.ms)} (${result.rebuild.maintenanceWorkMem})` : '-',
      seconds(result.timings.vacuumAnalyzeMs),
      mib(result.sizes.tableBytes),
      mib(result.sizes.toastBytes),
      mib(result.sizes.indexBytes),
      result.plansWithoutStatistics.indexUsesHnsw ? 'HNSW' : 'exact (store index + sort)',
      result.plans.indexUsesHnsw ? 'HNSW' : 'exact (store index + sort)',
    ]),
  );
}

export function embeddingTable(results: ThroughputResult[]): string {
  return table(
    ['provider', 'model', 'dims', 'status', 'texts', 'mean chars', 'batch', 'texts/s', 'one text p50 / p95 ms', 'note'],
    results.map((result) => [
      result.provider,
      result.model,
      result.dimensions ? String(result.dimensions) : '-',
      result.status === 'measured' ? 'measured' : `${result.status}: ${result.reason ?? ''}`,
      result.texts === undefined ? '-' : String(result.texts),
      result.meanChars === undefined ? '-' : result.meanChars.toFixed(0),
      result.batchSize === undefined ? '-' : String(result.batchSize),
      result.textsPerSecond === undefined ? '-' : `**${result.textsPerSecond.toFixed(0)}**`,
      result.singleTextMs ? `${ms(result.singleTextMs.p50)} / ${ms(result.singleTextMs.p95)}` : '-',
      result.note,
    ]),
  );
}

export function markdown(report: BenchReport): string {
  const verdicts = report.target.verdicts.map((entry) => `- ${entry.config}: ${entry.met ? 'met' : '**missed**'}, ${entry.why}`);
  const settings = Object.entries(report.databaseSettings).map(([name, value]) => `${name}=${value}`).join(', ');
  const plans = report.configurations.map(
    (result) =>
      `- ${resultLabel(result)}: before ANALYZE \`${result.plansWithoutStatistics.index}\`; after \`${result.plans.index}\`; forced \`${result.plansHnswForced.index}\`; exact \`${result.plans.exact}\``,
  );
  return [
    `# Search benchmark, ${report.startedAt.slice(0, 10)}`,
    '',
    `\`${report.command}\`: ${report.options.queries} queries per configuration (after ${report.options.warmup} warm-up), seed ${report.options.seed}, ` +
      `PGlite data in ${report.options.storage === 'disk' ? 'a temporary directory' : 'memory'}; ran ${(report.totalSeconds / 60).toFixed(1)} min.`,
    '',
    `**Target** (store-filtered search returns full results with recall@10 >= ${report.target.recallAt10} against exact search, in every configuration): ` +
      `**${report.target.met ? 'met' : 'not met'}**.`,
    '',
    ...verdicts,
    '',
    '## Store-filtered vector search',
    '',
    ...Object.entries(report.engines).map(([engine, description]) => `- ${engine}: ${description}`),
    '',
    'Each query: `withStoreContext(db, [store], tx => vectorCandidates(tx, { threshold: -1, wanted: 10 }))` (A: exactly as the app does; B: the same with the HNSW plan forced) ' +
      'and, in a session of the same store, `NEAREST_EXACT_SQL` (the reference). Recall@10 is against that exact top 10. ' +
      '"index statement alone" is the HNSW statement vectorCandidates ran, its first 10 rows, before any exact fallback. ' +
      '"HNSW plans" counts queries whose HNSW statement was planned as an HNSW index scan (EXPLAIN in the same transaction). ' +
      'Latencies are of the vectorCandidates call and of the exact statement, from the main thread (PGlite runs in a worker thread; the native server is reached over TCP on 127.0.0.1); exact / approx above 1 means the approximate search was faster. ' +
      'Both engines get the same vectors, stores and queries (same seeds), one configuration after the other on the same machine.',
    '',
    searchTables(report.configurations),
    '',
    '### C. as the app runs it, before VACUUM (ANALYZE): right after the load or `zava-mcp embed`',
    '',
    beforeAnalyzeTable(report.configurations),
    '',
    ...(report.configurations.some((result) => result.sweep)
      ? [
          '### D. HNSW settings sweep: the HNSW statement alone, HNSW plan forced, same queries',
          '',
          'Run for the configurations where some query fell below the target. One setting after the other (not interleaved), so compare recall more than latency.',
          '',
          sweepTable(report.configurations),
          '',
        ]
      : []),
    '## Load and HNSW index build',
    '',
    'Bulk load first (products, ANALYZE products, then vectors; unnest arrays, products audit trigger off), then `retail_private.ensure_embedding_index(model, dims, index_name)` (timed; ' +
      `maintenance_work_mem: ${report.options.buildMemory}), then \`VACUUM (ANALYZE)\`.`,
    '',
    loadTable(report.configurations),
    '',
    '## Embedding throughput',
    '',
    embeddingTable(report.embeddings),
    '',
    '## Notes',
    '',
    ...report.notes.map((note) => `- ${note}`),
    '',
    '### Plans',
    '',
    ...plans,
    '',
    '### Setup',
    '',
    `- Machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, ${report.machine.platform}, Node ${report.machine.node}. ` +
      `Load average at start ${report.machine.loadAverageAtStart.join(' / ')}, at end ${(report.machine.loadAverageAtEnd ?? []).join(' / ')} (1/5/15 min).`,
    `- Versions: @electric-sql/pglite ${report.versions.pglite}, @electric-sql/pglite-pgvector ${report.versions.pglitePgvector}; ` +
      `@huggingface/transformers ${report.versions.transformers}, onnxruntime-node ${report.versions.onnxruntimeNode}.`,
    `- Session defaults (PGlite): ${settings}.`,
    `- Search settings: ${report.searchSettings}`,
    `- Data: ${report.data}`,
    '',
  ].join('\n');
}
