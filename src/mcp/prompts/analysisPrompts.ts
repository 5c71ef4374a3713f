import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

function userMessage(text: string) {
  return { messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
}

/** Starting points for the analyses store managers ask for most. */
export function registerAnalysisPrompts(server: McpServer): void {
  server.registerPrompt(
    'sales_review',
    {
      title: 'Sales review',
      description: 'Review sales over a period: trend, best sellers, categories, returns.',
      argsSchema: { period: z.string().optional().describe('e.g. "last month" or "2025-05-01 to 2025-05-31"') },
    },
    ({ period }) =>
      userMessage(
        `Review our store's sales for ${period ?? 'the last 30 days'}. Use get_current_utc_date to resolve the dates, then ` +
          'sales_report with daily_sales (or monthly_sales for long periods), top_products, category_performance and returns. ' +
          'Summarise the trend, the top products and categories, and anything unusual in returns; quote the definitions the report gives.',
      ),
  );
  server.registerPrompt(
    'inventory_check',
    {
      title: 'Inventory check',
      description: 'Find products to reorder, with demand and days of cover.',
      argsSchema: { category: z.string().optional().describe('Limit to one category, e.g. "Electronics"') },
    },
    ({ category }) =>
      userMessage(
        'Which products should we reorder? Run sales_report with low_stock (limit 25)' +
          (category ? ` and keep the ${category} category` : '') +
          '. Rank by days of cover, flag items that sell fast, and suggest an order quantity that brings stock back above the reorder point.',
      ),
  );
  server.registerPrompt(
    'customer_insights',
    {
      title: 'Customer insights',
      description: 'Compare loyalty tiers and find the most valuable customers.',
      argsSchema: {},
    },
    () =>
      userMessage(
        'How do our loyalty tiers compare? Run sales_report with customer_segments, then use execute_sales_query to list the ' +
          'ten customers with the highest total_lifetime_value (name, tier, customer_since, lifetime value). ' +
          'Call get_multiple_table_schemas for retail.customers first. Suggest one action per tier.',
      ),
  );
}
