import type { SearchMethod } from './searchShapes.js';

/** A product one search method found, with that method's score. */
export interface Candidate {
  store_id: string;
  product_id: string;
  score: number;
}

export interface FusedCandidate {
  store_id: string;
  product_id: string;
  fused_score: number;
  matched_by: SearchMethod[];
  scores: Partial<Record<SearchMethod, number>>;
}

/** The constant of reciprocal rank fusion; 60 is the value of Cormack et al. and common practice. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each list contributes 1 / (k + rank); no score
 * calibration between cosine similarity and ts_rank is needed.
 */
export function fuseRankings(lists: Partial<Record<SearchMethod, Candidate[]>>, limit: number): FusedCandidate[] {
  const fused = new Map<string, FusedCandidate>();
  for (const [method, candidates] of Object.entries(lists) as [SearchMethod, Candidate[]][]) {
    candidates.forEach((candidate, index) => {
      const key = `${candidate.store_id}/${candidate.product_id}`;
      const entry = fused.get(key) ?? { store_id: candidate.store_id, product_id: candidate.product_id, fused_score: 0, matched_by: [], scores: {} };
      entry.fused_score += 1 / (RRF_K + index + 1);
      entry.matched_by.push(method);
      entry.scores[method] = round(candidate.score);
      fused.set(key, entry);
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.fused_score - a.fused_score || a.product_id.localeCompare(b.product_id))
    .slice(0, limit)
    .map((entry) => ({ ...entry, fused_score: round(entry.fused_score) }));
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
