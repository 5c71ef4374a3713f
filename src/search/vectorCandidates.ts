import type { StoreTransaction } from '../tenant/storeSession.js';
import type { Candidate } from './rankFusion.js';
import { ITERATIVE_SCAN_SETTINGS_SQL, MODEL_SQL, NEAREST_EXACT_SQL, nearestByIndexSql } from './searchQueries.js';

export interface ModelRecord {
  embedding_model: string;
  dimensions: number;
  default_similarity_threshold: number;
  has_vectors: boolean;
}

export async function findModel(tx: StoreTransaction, model: string): Promise<ModelRecord | undefined> {
  return (await tx.query<ModelRecord>(MODEL_SQL, [model])).rows[0];
}

export interface VectorSearch {
  vector: string;
  model: ModelRecord;
  threshold: number;
  wanted: number;
  /** Products to leave out (find_similar_products leaves out the product itself). */
  exclude?: string;
}

/**
 * hnsw.ef_search for the store-filtered scan. With 100 (pgvector's default is 40)
 * one query in 200 on 100k clustered vectors over 4 stores found 1 of its exact top
 * 10; 400 kept every query at 8 of 10 or better for about 20% more time
 * (bench/results/search-*.md, sweep).
 */
export const HNSW_EF_SEARCH = 400;

/** Rows the HNSW statement reads for `wanted` results: over-fetch, so that the threshold and re-sort have room. */
export function hnswFetch(wanted: number, exclude: boolean): number {
  return Math.max(wanted * 2, 40) + (exclude ? 1 : 0);
}

/**
 * The nearest products above the threshold. The HNSW scan (iterative, so other
 * stores' rows sharing the index do not starve it) answers first; when it returns
 * fewer rows than wanted, an exact scan settles whether more exist, so the result
 * never comes back short.
 */
export async function vectorCandidates(tx: StoreTransaction, search: VectorSearch): Promise<{ candidates: Candidate[]; exact: boolean }> {
  const extra = search.exclude ? 1 : 0;
  const fetch = hnswFetch(search.wanted, extra === 1);
  // pgvector takes ef_search from 1 to 1000.
  await tx.query(ITERATIVE_SCAN_SETTINGS_SQL, [String(Math.min(Math.max(fetch, HNSW_EF_SEARCH), 1000))]);
  const approximate = await tx.query<Candidate>(nearestByIndexSql(search.model.dimensions), [search.vector, search.model.embedding_model, fetch]);
  let candidates = keep(approximate.rows, search);
  let exact = false;
  if (candidates.length < search.wanted) {
    const complete = await tx.query<Candidate>(NEAREST_EXACT_SQL, [search.vector, search.model.embedding_model, search.wanted + extra]);
    candidates = keep(complete.rows, search);
    exact = true;
  }
  return { candidates: candidates.slice(0, search.wanted), exact };
}

function keep(rows: Candidate[], search: VectorSearch): Candidate[] {
  return rows.filter((row) => row.score >= search.threshold && row.product_id !== search.exclude);
}
