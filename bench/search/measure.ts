import type { QueryOptions, QueryResult } from '../../src/db/port.js';
import type { Candidate } from '../../src/search/rankFusion.js';
import { NEAREST_EXACT_SQL, nearestByIndexSql } from '../../src/search/searchQueries.js';
import { findModel, HNSW_EF_SEARCH, hnswFetch, vectorCandidates } from '../../src/search/vectorCandidates.js';
import type { StoreSession, StoreTransaction } from '../../src/tenant/storeSession.js';
import { StoreSessions } from '../../src/tenant/storeSessions.js';
import { withStoreContext } from '../../src/tenant/withStoreContext.js';
import { WANTED } from './config.js';
import type { LoadedDataset } from './dataset.js';
import { Rng } from './random.js';
import { mean, min, percentile } from '../support/stats.js';
import { toVectorLiteral } from '../../src/search/vectorLiteral.js';
import { sampleVector } from './vectors.js';

/** A query as the search tools send it: a provider's Float32Array through the app's toVectorLiteral. */
function queryVector(vector: Float64Array): string {
  return toVectorLiteral(Float32Array.from(vector));
}

/** Generous: PGlite cannot cancel a statement, and a timeout restarts (in memory: loses) the database. */
const TIMEOUT_MS = 300_000;

/** The only threshold under which every product qualifies (cosine similarity is >= -1). */
const EVERY_PRODUCT = -1;

/**
 * How the approximate search runs. `app`: exactly as the app runs it, the planner
 * choosing the plan. `hnsw`: the same call with enable_sort off in the store
 * transaction, which leaves the planner no cheaper way to order than the HNSW
 * index, so the index's store-filtered recall is measured where the planner would
 * otherwise read the store's rows exactly.
 */
export type Variant = 'app' | 'hnsw';

export const VARIANT_LABEL: Record<Variant, string> = {
  app: 'as the app runs it (planner decides)',
  hnsw: 'HNSW plan forced (enable_sort = off)',
};

export interface ApproxSample {
  /** Rows vectorCandidates returned. */
  rows: number;
  /** vectorCandidates fell back to its exact scan (the HNSW statement came back short). */
  exact: boolean;
  recall: number;
  /** The vectorCandidates call alone. */
  ms: number;
  /** The whole store transaction: BEGIN, role, store context, findModel, search, COMMIT. */
  transactionMs: number;
  /** The statement vectorCandidates sends to the HNSW index, alone: its first WANTED rows and its time. */
  indexRows: number;
  indexRecall: number;
  indexMs: number;
  /** Whether that statement's plan (EXPLAIN, same transaction, same settings and parameters) reads the HNSW index. */
  usesHnsw: boolean;
}

export interface QuerySample {
  store: string;
  app: ApproxSample;
  hnsw: ApproxSample;
  /** NEAREST_EXACT_SQL in a session of the same store: the reference. */
  exact: { rows: number; ms: number; transactionMs: number };
}

export interface ApproxSummary {
  /** Queries whose HNSW statement was planned as an HNSW index scan. */
  hnswPlans: number;
  recall: { mean: number; min: number; belowTarget: number };
  rows: { min: number; mean: number };
  exactFallbacks: number;
  /** The HNSW statement alone (no fallback): what the index delivers. */
  indexRecall: { mean: number; min: number; belowTarget: number };
  indexRows: { min: number; mean: number };
  ms: { p50: number; p95: number; mean: number };
  indexMs: { p50: number; p95: number };
  transactionMs: { p50: number; p95: number };
  /** exact p50 / this p50 (above 1: faster than the exact scan). */
  speedupP50: number;
  speedupP95: number;
}

export interface SearchSummary {
  queries: number;
  warmup: number;
  app: ApproxSummary;
  hnsw: ApproxSummary;
  exactMs: { p50: number; p95: number; mean: number };
  exactTransactionMs: { p50: number; p95: number };
}

export interface SearchRun {
  summary: SearchSummary;
  samples: QuerySample[];
  /** The measured queries with their exact top 10, for the settings sweep. */
  references: Reference[];
}

export interface Reference {
  store: string;
  vector: string;
  exact: Candidate[];
}

interface Recorded {
  sql: string;
  params: readonly unknown[];
  rows: unknown[];
  ms: number;
}

/** Hands vectorCandidates the store transaction unchanged, keeping a log of what it ran. */
function recording(tx: StoreTransaction, log: Recorded[]): StoreTransaction {
  return {
    async query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>> {
      const started = performance.now();
      const result = await tx.query<R>(sql, params, options);
      log.push({ sql, params: params ?? [], rows: result.rows, ms: performance.now() - started });
      return result;
    },
    assertContextIntact: () => tx.assertContextIntact(),
  };
}

const sessionsByDataset = new WeakMap<LoadedDataset, StoreSessions>();

/** A store session as the search tools hold one, with the bench's generous timeout. */
async function storeSession(dataset: LoadedDataset, store: string): Promise<StoreSession> {
  let sessions = sessionsByDataset.get(dataset);
  if (!sessions) {
    sessions = await StoreSessions.open(dataset.db, { statementTimeoutMs: TIMEOUT_MS, tempFileLimitMb: 1024 });
    sessionsByDataset.set(dataset, sessions);
  }
  return sessions.forStores([store]);
}

/**
 * Recall@k of `found` against the exact top k. A product counts when it is among
 * the exact top k, or ties the exact k-th similarity (either answer is correct).
 */
export function recallAt(found: readonly Candidate[], exact: readonly Candidate[], k: number): number {
  const reference = exact.slice(0, k);
  if (reference.length === 0) return 1;
  const ids = new Set(reference.map((row) => `${row.store_id}/${row.product_id}`));
  const kth = reference[reference.length - 1]!.score;
  const hits = found.slice(0, k).filter((row) => ids.has(`${row.store_id}/${row.product_id}`) || Math.abs(row.score - kth) < 1e-7).length;
  return hits / reference.length;
}

interface ApproxOutcome {
  candidates: Candidate[];
  exact: boolean;
  ms: number;
  transactionMs: number;
  indexTop: Candidate[];
  indexMs: number;
  usesHnsw: boolean;
}

/** A store session's read + findModel + vectorCandidates (threshold -1, 10 wanted), as the search tools call them. */
async function approximateSearch(dataset: LoadedDataset, variant: Variant, store: string, vector: string): Promise<ApproxOutcome> {
  const log: Recorded[] = [];
  const indexSql = nearestByIndexSql(dataset.config.dimensions);
  const started = performance.now();
  const session = await storeSession(dataset, store);
  const outcome = await session.read(
    async (tx) => {
      if (variant === 'hnsw') await tx.query("SELECT set_config('enable_sort', 'off', true)");
      const model = await findModel(tx, dataset.model);
      if (!model?.has_vectors) throw new Error(`store ${store} sees no vectors of ${dataset.model}`);
      const searchStarted = performance.now();
      const found = await vectorCandidates(recording(tx, log), { vector, model, threshold: EVERY_PRODUCT, wanted: WANTED });
      const ms = performance.now() - searchStarted;
      // Untimed: the plan the HNSW statement got, under the settings vectorCandidates left in this transaction.
      const statement = log.find((entry) => entry.sql === indexSql);
      if (!statement) throw new Error('vectorCandidates ran no HNSW statement (did its SQL change?)');
      const plan = await tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${indexSql}`, statement.params);
      return { ...found, ms, statement, usesHnsw: planText(plan.rows[0]?.['QUERY PLAN']).includes(dataset.indexName) };
    },
  );
  const transactionMs = performance.now() - started;
  // vectorCandidates' keep() with threshold -1 and no exclusion keeps every row: its first WANTED are the index's answer.
  const indexTop = (outcome.statement.rows as Candidate[]).filter((row) => row.score >= EVERY_PRODUCT).slice(0, WANTED);
  return { candidates: outcome.candidates, exact: outcome.exact, ms: outcome.ms, transactionMs, indexTop, indexMs: outcome.statement.ms, usesHnsw: outcome.usesHnsw };
}

async function exactSearch(dataset: LoadedDataset, store: string, vector: string) {
  const started = performance.now();
  const outcome = await withStoreContext(
    dataset.db,
    [store],
    async (tx) => {
      const searchStarted = performance.now();
      const result = await tx.query<Candidate>(NEAREST_EXACT_SQL, [vector, dataset.model, WANTED], { timeoutMs: TIMEOUT_MS });
      return { rows: result.rows, ms: performance.now() - searchStarted };
    },
    { readOnly: true },
  );
  return { ...outcome, transactionMs: performance.now() - started };
}

function approxSample(outcome: ApproxOutcome, exactRows: Candidate[]): ApproxSample {
  return {
    rows: outcome.candidates.length,
    exact: outcome.exact,
    recall: recallAt(outcome.candidates, exactRows, WANTED),
    ms: outcome.ms,
    transactionMs: outcome.transactionMs,
    indexRows: outcome.indexTop.length,
    indexRecall: recallAt(outcome.indexTop, exactRows, WANTED),
    indexMs: outcome.indexMs,
    usesHnsw: outcome.usesHnsw,
  };
}

/** The order of the three ways within a block; it rotates from block to block. */
const ORDERS = [
  ['app', 'hnsw', 'exact'],
  ['hnsw', 'exact', 'app'],
  ['exact', 'app', 'hnsw'],
] as const;

/**
 * Queries run in blocks of this many: one way for the whole block, then the next.
 * An exact scan of a large store reads most of the table and evicts the HNSW
 * index from shared_buffers; query by query alternation would make whichever
 * search follows it pay for that. Blocks keep each way's cache its own (as a
 * server answering searches sees it) while the rotation of short blocks still
 * spreads the drift of a noisy machine over all three.
 */
const BLOCK = 10;

type ExactOutcome = Awaited<ReturnType<typeof exactSearch>>;

/**
 * `queries` query vectors drawn like the stored ones (fresh draws, never a stored
 * vector), each for a random store, searched three ways in one run: as the app
 * does, with the HNSW plan forced, and exactly (see BLOCK for the order).
 */
export async function measureSearch(
  dataset: LoadedDataset,
  options: { queries: number; warmup: number; seed: number; target: number; onProgress?: (done: number) => void },
): Promise<SearchRun> {
  const rng = new Rng(options.seed);
  const queries = Array.from({ length: options.warmup + options.queries }, () => ({
    store: rng.pick(dataset.storeIds),
    vector: queryVector(sampleVector(rng, dataset.space)),
  }));
  // The warm-up is its own block, whatever its size.
  const blocks: (typeof queries)[] = [queries.slice(0, options.warmup)];
  for (let start = options.warmup; start < queries.length; start += BLOCK) blocks.push(queries.slice(start, start + BLOCK));
  const samples: QuerySample[] = [];
  const references: Reference[] = [];
  for (const [index, block] of blocks.entries()) {
    const app: ApproxOutcome[] = [];
    const hnsw: ApproxOutcome[] = [];
    const exact: ExactOutcome[] = [];
    for (const step of ORDERS[index % ORDERS.length]!) {
      for (const query of block) {
        if (step === 'exact') exact.push(await exactSearch(dataset, query.store, query.vector));
        else (step === 'app' ? app : hnsw).push(await approximateSearch(dataset, step, query.store, query.vector));
      }
    }
    if (index === 0) continue;
    block.forEach((query, i) => {
      const reference = exact[i]!;
      references.push({ store: query.store, vector: query.vector, exact: reference.rows });
      samples.push({
        store: query.store,
        app: approxSample(app[i]!, reference.rows),
        hnsw: approxSample(hnsw[i]!, reference.rows),
        exact: { rows: reference.rows.length, ms: reference.ms, transactionMs: reference.transactionMs },
      });
    });
    options.onProgress?.(samples.length);
  }
  return { summary: summarise(samples, options), samples, references };
}

/** One setting of the HNSW statement, for the sweep. */
export interface SweepSetting {
  iterativeScan: 'relaxed_order' | 'strict_order';
  efSearch: number;
  /** The statement's LIMIT (vectorCandidates' over-fetch). */
  fetch: number;
}

/** vectorCandidates' own setting for 10 wanted first, then other settings one change at a time. */
const APP_SETTING: SweepSetting = { iterativeScan: 'relaxed_order', efSearch: HNSW_EF_SEARCH, fetch: hnswFetch(WANTED, false) };
export const SWEEP_SETTINGS: readonly SweepSetting[] = [
  APP_SETTING,
  { ...APP_SETTING, iterativeScan: 'strict_order' },
  { ...APP_SETTING, fetch: 100 },
  ...[100, 200, 800].filter((ef) => ef !== HNSW_EF_SEARCH).map((efSearch) => ({ ...APP_SETTING, efSearch })),
];

export interface SweepResult {
  setting: SweepSetting;
  recall: { mean: number; min: number; belowTarget: number; belowHalf: number };
  rows: { min: number };
  ms: { p50: number; p95: number };
}

/**
 * The HNSW statement of vectorCandidates alone, HNSW plan forced, under each
 * setting, for the same queries and against the same exact top 10. One setting
 * after the other (each with its own warm cache), so drift between them is not
 * cancelled as in the main measurement.
 */
export async function sweepIndexSettings(dataset: LoadedDataset, references: readonly Reference[], target: number, settings = SWEEP_SETTINGS): Promise<SweepResult[]> {
  const sql = nearestByIndexSql(dataset.config.dimensions);
  const results: SweepResult[] = [];
  for (const setting of settings) {
    const recall: number[] = [];
    const ms: number[] = [];
    const rows: number[] = [];
    for (const reference of references) {
      const outcome = await withStoreContext(
        dataset.db,
        [reference.store],
        async (tx) => {
          await tx.query(
            "SELECT set_config('hnsw.iterative_scan', $1, true), set_config('hnsw.ef_search', $2::text, true), set_config('enable_sort', 'off', true)",
            [setting.iterativeScan, String(setting.efSearch)],
          );
          const started = performance.now();
          const result = await tx.query<Candidate>(sql, [reference.vector, dataset.model, setting.fetch], { timeoutMs: TIMEOUT_MS });
          return { rows: result.rows, ms: performance.now() - started };
        },
        { readOnly: true },
      );
      recall.push(recallAt(outcome.rows.slice(0, WANTED), reference.exact, WANTED));
      ms.push(outcome.ms);
      rows.push(outcome.rows.length);
    }
    results.push({
      setting,
      recall: { mean: mean(recall), min: min(recall), belowTarget: recall.filter((value) => value < target).length, belowHalf: recall.filter((value) => value < 0.5).length },
      rows: { min: min(rows) },
      ms: { p50: percentile(ms, 50), p95: percentile(ms, 95) },
    });
  }
  return results;
}

function summariseApprox(samples: ApproxSample[], exactMs: number[], target: number): ApproxSummary {
  const recall = samples.map((sample) => sample.recall);
  const indexRecall = samples.map((sample) => sample.indexRecall);
  const ms = samples.map((sample) => sample.ms);
  return {
    hnswPlans: samples.filter((sample) => sample.usesHnsw).length,
    recall: { mean: mean(recall), min: min(recall), belowTarget: recall.filter((value) => value < target).length },
    rows: { min: min(samples.map((sample) => sample.rows)), mean: mean(samples.map((sample) => sample.rows)) },
    exactFallbacks: samples.filter((sample) => sample.exact).length,
    indexRecall: { mean: mean(indexRecall), min: min(indexRecall), belowTarget: indexRecall.filter((value) => value < target).length },
    indexRows: { min: min(samples.map((sample) => sample.indexRows)), mean: mean(samples.map((sample) => sample.indexRows)) },
    ms: { p50: percentile(ms, 50), p95: percentile(ms, 95), mean: mean(ms) },
    indexMs: { p50: percentile(samples.map((sample) => sample.indexMs), 50), p95: percentile(samples.map((sample) => sample.indexMs), 95) },
    transactionMs: { p50: percentile(samples.map((sample) => sample.transactionMs), 50), p95: percentile(samples.map((sample) => sample.transactionMs), 95) },
    speedupP50: percentile(exactMs, 50) / percentile(ms, 50),
    speedupP95: percentile(exactMs, 95) / percentile(ms, 95),
  };
}

function summarise(samples: QuerySample[], options: { queries: number; warmup: number; target: number }): SearchSummary {
  const exactMs = samples.map((sample) => sample.exact.ms);
  return {
    queries: options.queries,
    warmup: options.warmup,
    app: summariseApprox(samples.map((sample) => sample.app), exactMs, options.target),
    hnsw: summariseApprox(samples.map((sample) => sample.hnsw), exactMs, options.target),
    exactMs: { p50: percentile(exactMs, 50), p95: percentile(exactMs, 95), mean: mean(exactMs) },
    exactTransactionMs: {
      p50: percentile(samples.map((sample) => sample.exact.transactionMs), 50),
      p95: percentile(samples.map((sample) => sample.exact.transactionMs), 95),
    },
  };
}

export interface PlanSummary {
  /** The HNSW statement of vectorCandidates, under its own settings and parameters. */
  index: string;
  exact: string;
  indexUsesHnsw: boolean;
}

/** The plans, for one store and one query, of vectorCandidates' HNSW statement and of the exact statement. */
export async function explainPlans(dataset: LoadedDataset, store: string, variant: Variant = 'app'): Promise<PlanSummary> {
  const vector = queryVector(sampleVector(new Rng(1), dataset.space));
  const indexSql = nearestByIndexSql(dataset.config.dimensions);
  return (await storeSession(dataset, store)).read(
    async (tx) => {
      if (variant === 'hnsw') await tx.query("SELECT set_config('enable_sort', 'off', true)");
      const model = await findModel(tx, dataset.model);
      if (!model) throw new Error(`model ${dataset.model} is not registered`);
      // Runs the search once: its transaction-local settings stay for the EXPLAIN below.
      const log: Recorded[] = [];
      await vectorCandidates(recording(tx, log), { vector, model, threshold: EVERY_PRODUCT, wanted: WANTED });
      const statement = log.find((entry) => entry.sql === indexSql);
      if (!statement) throw new Error('vectorCandidates ran no HNSW statement (did its SQL change?)');
      const index = planText((await tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${indexSql}`, statement.params)).rows[0]?.['QUERY PLAN']);
      const exact = planText(
        (await tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${NEAREST_EXACT_SQL}`, [vector, model.embedding_model, WANTED])).rows[0]?.['QUERY PLAN'],
      );
      return { index, exact, indexUsesHnsw: index.includes(dataset.indexName) };
    },
  );
}

interface PlanNode {
  'Node Type'?: string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Parent Relationship'?: string;
  Plans?: PlanNode[];
}

/** A plan as one line: node types, outermost first, with the relation or index each reads. */
export function planText(plan: unknown): string {
  const root = Array.isArray(plan) ? (plan[0] as { Plan?: PlanNode } | undefined)?.Plan : undefined;
  const parts: string[] = [];
  const visit = (node: PlanNode, depth: number) => {
    const target = node['Index Name'] ?? node['Relation Name'];
    const label = target ? `${node['Node Type']} on ${target}` : String(node['Node Type']);
    const relationship = node['Parent Relationship'];
    parts.push(depth > 0 && (relationship === 'InitPlan' || relationship === 'SubPlan') ? `[${relationship}] ${label}` : label);
    for (const child of node.Plans ?? []) visit(child, depth + 1);
  };
  if (root) visit(root, 0);
  return parts.join(' > ');
}
