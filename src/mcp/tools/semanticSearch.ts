import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { searchProducts } from '../../search/productSearch.js';
import { productSearchResultSchema, searchModeSchema } from '../../search/searchShapes.js';
import { registerTool } from '../registerTool.js';
import type { ToolContext } from '../toolContext.js';
import { renderProductMatches } from './productResults.js';

const inputSchema = z.object({
  query_description: z.string().trim().min(1, 'describe what to look for').max(1000).describe('What the customer is looking for, in plain words'),
  max_rows: z.number().int().min(1).max(100).default(20).describe('How many products to return (default 20)'),
  similarity_threshold: z.number().min(-1).max(1).optional().describe('Minimum cosine similarity for semantic matches (default: calibrated per model)'),
  mode: searchModeSchema.default('hybrid').describe('hybrid (default), semantic only, or full_text only'),
});

export function registerSemanticSearchTool(server: McpServer, context: ToolContext): void {
  registerTool(server, context, {
    name: 'semantic_search_products',
    title: 'Find products by meaning',
    description:
      'Products of the bound store(s) that match a description in plain words ("something to keep drinks cold on a camping trip"). ' +
      'Hybrid by default: vector similarity fused with full-text and misspelling-tolerant name matching; each result says which method found it and its score. ' +
      'Falls back to full text when semantic search is unavailable, and says so.',
    inputSchema,
    outputSchema: productSearchResultSchema.extend({ query: z.string() }),
    handler: async ({ query_description, max_rows, similarity_threshold, mode }) => {
      const result = await searchProducts(context, { query: query_description, maxRows: max_rows, similarityThreshold: similarity_threshold, mode });
      const header = `${result.results.length} product${result.results.length === 1 ? '' : 's'} for "${query_description}" (${result.methods.join(' + ')}${result.semantic.model ? `, model ${result.semantic.model}, threshold ${result.semantic.similarity_threshold}` : ''})`;
      const text = [header, renderProductMatches(result.results), ...(result.note ? [`Note: ${result.note}.`] : [])].join('\n');
      return { structured: { query: query_description, ...result }, text };
    },
  });
}
