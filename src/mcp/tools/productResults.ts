import { z } from 'zod';
import type { ProductMatch } from '../../search/productSearch.js';

export const methodSchema = z.enum(['semantic', 'full_text', 'trigram']);

export const productMatchSchema = z.object({
  store_id: z.string(),
  product_id: z.string(),
  product_name: z.string(),
  brand: z.string().nullable(),
  category_name: z.string().nullable(),
  price: z.number(),
  current_stock: z.number().nullable(),
  rating_average: z.number().nullable(),
  description: z.string().nullable(),
  matched_by: z.array(methodSchema),
  scores: z.object({ semantic: z.number().optional(), full_text: z.number().optional(), trigram: z.number().optional() }),
  fused_score: z.number(),
});

export const semanticStatusSchema = z.object({
  used: z.boolean(),
  model: z.string().optional(),
  similarity_threshold: z.number().optional(),
  unavailable_reason: z.string().optional(),
});

/** One line per product: what it is, what it costs, how it was found. */
export function renderProductMatches(results: readonly ProductMatch[]): string {
  if (results.length === 0) return '(no products found)';
  return results
    .map((match, index) => {
      const scores = Object.entries(match.scores)
        .map(([method, score]) => `${method} ${score}`)
        .join(', ');
      return `${index + 1}. ${match.product_name} (${match.brand ?? 'no brand'}, ${match.category_name ?? 'uncategorised'}) $${match.price}, stock ${match.current_stock ?? '?'}, rating ${match.rating_average ?? '?'} [${scores}] id ${match.product_id}${match.store_id ? ` @${match.store_id}` : ''}`;
    })
    .join('\n');
}
