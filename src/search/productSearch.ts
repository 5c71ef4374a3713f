import type { DatabaseCapabilities } from '../db/capabilities.js';
import type { DatabasePort, SqlExecutor } from '../db/port.js';
import type { ProviderOutcome } from '../embeddings/provider.js';
import { ZavaError } from '../errors.js';
import { withStoreContext } from '../tenant/withStoreContext.js';
import { fuseRankings, type Candidate, type FusedCandidate, type SearchMethod } from './rankFusion.js';
import { FULL_TEXT_SQL, PRODUCT_DETAILS_SQL, TRIGRAM_SQL, TRIGRAM_THRESHOLD_SQL } from './searchQueries.js';
import { semanticReadiness } from './semanticReadiness.js';
import { findModel, vectorCandidates } from './vectorCandidates.js';
import { toVectorLiteral } from './vectorLiteral.js';

export type SearchMode = 'hybrid' | 'semantic' | 'full_text';

export interface SearchContext {
  db: DatabasePort;
  storeIds: readonly string[];
  embeddings: ProviderOutcome;
  capabilities: DatabaseCapabilities;
  timeoutMs: number;
}

export interface ProductSearchRequest {
  query: string;
  maxRows: number;
  similarityThreshold?: number | undefined;
  mode: SearchMode;
}

export interface ProductMatch {
  store_id: string;
  product_id: string;
  product_name: string;
  brand: string | null;
  category_name: string | null;
  price: number;
  current_stock: number | null;
  rating_average: number | null;
  description: string | null;
  matched_by: SearchMethod[];
  scores: Partial<Record<SearchMethod, number>>;
  fused_score: number;
}

export interface SemanticStatus {
  used: boolean;
  model?: string;
  similarity_threshold?: number;
  /** Why semantic search did not run, when it did not. */
  unavailable_reason?: string;
}

export interface ProductSearchResult {
  mode: SearchMode;
  methods: SearchMethod[];
  semantic: SemanticStatus;
  results: ProductMatch[];
  note?: string;
}

const TRIGRAM_THRESHOLD = '0.5';

/** Semantic, full-text and trigram search over the bound stores' products, fused by rank. */
export async function searchProducts(context: SearchContext, request: ProductSearchRequest): Promise<ProductSearchResult> {
  const readiness = semanticReadiness(context.embeddings, context.capabilities);
  if (request.mode === 'semantic' && !readiness.ready) {
    throw new ZavaError('feature_unavailable', `semantic search is unavailable: ${readiness.reason}`);
  }
  const wantSemantic = readiness.ready && request.mode !== 'full_text';
  const queryVector = wantSemantic ? toVectorLiteral((await readiness.provider.embed([request.query]))[0]!) : undefined;
  return withStoreContext(
    context.db,
    context.storeIds,
    async (tx) => {
      const lists: Partial<Record<SearchMethod, Candidate[]>> = {};
      let semantic: SemanticStatus = { used: false, unavailable_reason: readiness.ready ? undefined : readiness.reason };
      if (wantSemantic && readiness.ready && queryVector) {
        const model = await findModel(tx, readiness.provider.model, context.timeoutMs);
        if (!model?.has_vectors) {
          semantic = { used: false, unavailable_reason: `no product embeddings for ${readiness.provider.model} yet; run \`zava-mcp embed\`` };
          if (request.mode === 'semantic') throw new ZavaError('feature_unavailable', `semantic search is unavailable: ${semantic.unavailable_reason}`);
        } else {
          const threshold = request.similarityThreshold ?? model.default_similarity_threshold;
          const found = await vectorCandidates(tx, { vector: queryVector, model, threshold, wanted: request.maxRows }, context.timeoutMs);
          lists.semantic = found.candidates;
          semantic = { used: true, model: model.embedding_model, similarity_threshold: threshold };
        }
      }
      if (request.mode !== 'semantic') {
        const wanted = Math.max(request.maxRows * 2, 40);
        lists.full_text = (await tx.query<Candidate>(FULL_TEXT_SQL, [request.query, wanted], { timeoutMs: context.timeoutMs })).rows;
        await tx.query(TRIGRAM_THRESHOLD_SQL, [TRIGRAM_THRESHOLD], { timeoutMs: context.timeoutMs });
        lists.trigram = (await tx.query<Candidate>(TRIGRAM_SQL, [request.query, wanted], { timeoutMs: context.timeoutMs })).rows;
      }
      const fused = fuseRankings(lists, request.maxRows);
      const results = await withDetails(tx, fused, context.timeoutMs);
      const methods = (Object.keys(lists) as SearchMethod[]).filter((method) => (lists[method]?.length ?? 0) >= 0);
      return {
        mode: request.mode,
        methods,
        semantic,
        results,
        ...(semantic.used ? {} : { note: `semantic search unavailable (${semantic.unavailable_reason}); results come from full-text and trigram search` }),
      };
    },
    { readOnly: true },
  );
}

export async function withDetails(tx: SqlExecutor, fused: FusedCandidate[], timeoutMs: number): Promise<ProductMatch[]> {
  if (fused.length === 0) return [];
  const details = await tx.query<Omit<ProductMatch, 'matched_by' | 'scores' | 'fused_score'>>(
    PRODUCT_DETAILS_SQL,
    [fused.map((entry) => entry.store_id), fused.map((entry) => entry.product_id)],
    { timeoutMs },
  );
  const byKey = new Map(details.rows.map((row) => [`${row.store_id}/${row.product_id}`, row]));
  return fused.flatMap((entry) => {
    const detail = byKey.get(`${entry.store_id}/${entry.product_id}`);
    return detail ? [{ ...detail, matched_by: entry.matched_by, scores: entry.scores, fused_score: entry.fused_score }] : [];
  });
}
