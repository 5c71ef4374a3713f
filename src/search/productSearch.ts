import type { DatabaseCapabilities } from '../db/capabilities.js';
import type { ProviderOutcome } from '../embeddings/provider.js';
import { ZavaError } from '../errors.js';
import type { StoreSession, StoreTransaction } from '../tenant/storeSession.js';
import { fuseRankings, type Candidate, type FusedCandidate } from './rankFusion.js';
import { FULL_TEXT_SQL, PRODUCT_DETAILS_SQL, TRIGRAM_SQL, TRIGRAM_THRESHOLD_SQL } from './searchQueries.js';
import type { ProductMatch, ProductSearchResult, SearchMethod, SearchMode, SemanticStatus } from './searchShapes.js';
import { semanticReadiness } from './semanticReadiness.js';
import { findModel, vectorCandidates } from './vectorCandidates.js';
import { toVectorLiteral } from './vectorLiteral.js';

export interface SearchContext {
  session: StoreSession;
  embeddings: ProviderOutcome;
  capabilities: DatabaseCapabilities;
}

export interface ProductSearchRequest {
  query: string;
  maxRows: number;
  similarityThreshold?: number | undefined;
  mode: SearchMode;
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
  return context.session.read(async (tx) => {
    const lists: Partial<Record<SearchMethod, Candidate[]>> = {};
    let semantic: SemanticStatus = readiness.ready ? { used: false } : { used: false, unavailable_reason: readiness.reason };
    if (wantSemantic && readiness.ready && queryVector) {
      const model = await findModel(tx, readiness.provider.model);
      if (!model?.has_vectors) {
        semantic = { used: false, unavailable_reason: `no product embeddings for ${readiness.provider.model} yet; run \`zava-mcp embed\`` };
        if (request.mode === 'semantic') throw new ZavaError('feature_unavailable', `semantic search is unavailable: ${semantic.unavailable_reason}`);
      } else {
        const threshold = request.similarityThreshold ?? model.default_similarity_threshold;
        const found = await vectorCandidates(tx, { vector: queryVector, model, threshold, wanted: request.maxRows });
        lists.semantic = found.candidates;
        semantic = { used: true, model: model.embedding_model, similarity_threshold: threshold };
      }
    }
    if (request.mode !== 'semantic') {
      const wanted = Math.max(request.maxRows * 2, 40);
      lists.full_text = (await tx.query<Candidate>(FULL_TEXT_SQL, [request.query, wanted])).rows;
      await tx.query(TRIGRAM_THRESHOLD_SQL, [TRIGRAM_THRESHOLD]);
      lists.trigram = (await tx.query<Candidate>(TRIGRAM_SQL, [request.query, wanted])).rows;
    }
    const fused = fuseRankings(lists, request.maxRows);
    const results = await withDetails(tx, fused);
    return {
      mode: request.mode,
      methods: Object.keys(lists) as SearchMethod[],
      semantic,
      results,
      ...searchNote(request.mode, semantic),
    };
  });
}

/** Says why results come without semantic search, unless full text is what was asked for. */
function searchNote(mode: SearchMode, semantic: SemanticStatus): { note?: string } {
  if (semantic.used || mode === 'full_text') return {};
  return { note: `semantic search unavailable (${semantic.unavailable_reason}); results come from full-text and trigram search` };
}

export async function withDetails(tx: StoreTransaction, fused: FusedCandidate[]): Promise<ProductMatch[]> {
  if (fused.length === 0) return [];
  const details = await tx.query<Omit<ProductMatch, 'matched_by' | 'scores' | 'fused_score'>>(PRODUCT_DETAILS_SQL, [
    fused.map((entry) => entry.store_id),
    fused.map((entry) => entry.product_id),
  ]);
  const byKey = new Map(details.rows.map((row) => [`${row.store_id}/${row.product_id}`, row]));
  return fused.flatMap((entry) => {
    const detail = byKey.get(`${entry.store_id}/${entry.product_id}`);
    return detail ? [{ ...detail, matched_by: entry.matched_by, scores: entry.scores, fused_score: entry.fused_score }] : [];
  });
}
