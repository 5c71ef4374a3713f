import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { similarProductsResultSchema } from '../../search/searchShapes.js';
import { findSimilarProducts } from '../../search/similarProducts.js';
import { registerTool } from '../registerTool.js';
import type { ToolContext } from '../toolContext.js';
import { renderProductMatches } from './productResults.js';

const inputSchema = z.object({
  product_id: z.string().uuid('product_id must be a UUID').describe('A product_id from a search or query'),
  max_rows: z.number().int().min(1).max(100).default(10).describe('How many products to return (default 10)'),
});

export function registerSimilarProductsTool(server: McpServer, context: ToolContext): void {
  registerTool(server, context, {
    name: 'find_similar_products',
    title: 'Products similar to a product',
    description: 'Products of the bound store(s) most similar to the given product (by its embedding; by name when embeddings are unavailable).',
    inputSchema,
    outputSchema: similarProductsResultSchema,
    handler: async ({ product_id, max_rows }) => {
      const result = await findSimilarProducts(context, product_id, max_rows);
      const text = [
        `${result.results.length} products similar to ${result.product.product_name} (${result.method})`,
        renderProductMatches(result.results),
        ...(result.note ? [`Note: ${result.note}.`] : []),
      ].join('\n');
      return { structured: result, text };
    },
  });
}
