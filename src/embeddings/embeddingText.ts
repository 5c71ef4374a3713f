import { createHash } from 'node:crypto';

export interface EmbeddableProduct {
  product_name: string;
  brand?: string | null;
  category_name?: string | null;
  product_description?: string | null;
  tags?: readonly string[] | null;
}

/**
 * The text embedded for a product. The format is part of the stored data: changing
 * it changes every content hash and so re-embeds every product.
 * Whitespace is collapsed and tags are de-duplicated and sorted, so edits that do
 * not change meaning do not trigger a re-embed.
 */
export function embeddingText(product: EmbeddableProduct): string {
  const lines = [clean(product.product_name)];
  const brand = clean(product.brand);
  if (brand) lines.push(`Brand: ${brand}`);
  const category = clean(product.category_name);
  if (category) lines.push(`Category: ${category}`);
  const description = clean(product.product_description);
  if (description) lines.push(description);
  const tags = [...new Set((product.tags ?? []).map(clean).filter((tag) => tag !== ''))].sort();
  if (tags.length > 0) lines.push(`Tags: ${tags.join(', ')}`);
  return lines.filter((line) => line !== '').join('\n');
}

/** sha256 of the UTF-8 text, lowercase hex. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function clean(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}
