import { z } from 'zod';

/**
 * What product searches return, written once: the MCP tools publish these as
 * their output schemas, and the search code's types are derived from them.
 */
export const searchMethodSchema = z.enum(['semantic', 'full_text', 'trigram']);
export type SearchMethod = z.infer<typeof searchMethodSchema>;

export const searchModeSchema = z.enum(['hybrid', 'semantic', 'full_text']);
export type SearchMode = z.infer<typeof searchModeSchema>;

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
  matched_by: z.array(searchMethodSchema),
  scores: z.object({ semantic: z.number().optional(), full_text: z.number().optional(), trigram: z.number().optional() }),
  fused_score: z.number(),
});
export type ProductMatch = z.infer<typeof productMatchSchema>;

export const semanticStatusSchema = z.object({
  used: z.boolean(),
  model: z.string().optional(),
  similarity_threshold: z.number().optional(),
  /** Why semantic search did not run, when it did not. */
  unavailable_reason: z.string().optional(),
});
export type SemanticStatus = z.infer<typeof semanticStatusSchema>;

export const productSearchResultSchema = z.object({
  mode: searchModeSchema,
  methods: z.array(searchMethodSchema),
  semantic: semanticStatusSchema,
  results: z.array(productMatchSchema),
  note: z.string().optional(),
});
export type ProductSearchResult = z.infer<typeof productSearchResultSchema>;

export const similarProductsResultSchema = z.object({
  product: z.object({ store_id: z.string(), product_id: z.string(), product_name: z.string() }),
  method: z.enum(['semantic', 'full_text']),
  semantic: semanticStatusSchema,
  results: z.array(productMatchSchema),
  note: z.string().optional(),
});
export type SimilarProductsResult = z.infer<typeof similarProductsResultSchema>;
