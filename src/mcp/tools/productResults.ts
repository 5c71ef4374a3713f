import type { ProductMatch } from '../../search/searchShapes.js';

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
