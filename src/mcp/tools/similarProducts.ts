import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { findSimilarProducts } from '../../search/similarProducts.js';
import type { AppServices } from '../appServices.js';
import { registerTool } from '../registerTool.js';
import { productMatchSchema, renderProductMatches, semanticStatusSchema } from './productResults.js';

export function registerSimilarProductsTool(server: McpServer, app: AppServices): void {
  registerTool(server, app.logger, {
    name: 'find_similar_products',
    title: 'Products similar to a product',
    description: 'Products of the bound store(s) most similar to the given product (by its embedding; by name when embeddings are unavailable).',
    inputSchema: {
      product_id: z.string().uuid('product_id must be a UUID').describe('A product_id from a search or query'),
      max_rows: z.number().int().min(1).max(100).default(10).describe('How many products to return (default 10)'),
    },
    outputSchema: {
      product: z.object({ store_id: z.string(), product_id: z.string(), product_name: z.string() }),
      method: z.enum(['semantic', 'full_text']),
      semantic: semanticStatusSchema,
      results: z.array(productMatchSchema),
      note: z.string().optional(),
    },
    handler: async ({ product_id, max_rows }) => {
      const result = await findSimilarProducts(
        { db: app.db, storeIds: app.storeIds, embeddings: app.embeddings, capabilities: app.capabilities, timeoutMs: app.settings.statementTimeoutMs },
        product_id,
        max_rows,
      );
      const text = [
        `${result.results.length} products similar to ${result.product.product_name} (${result.method})`,
        renderProductMatches(result.results),
        ...(result.note ? [`Note: ${result.note}.`] : []),
      ].join('\n');
      return { structured: { ...result }, text };
    },
  });
}
