import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ZavaError } from '../../errors.js';
import { renderTableDescription, tableDescriptionSchema, type TableDescription } from '../../services/schemaCatalog.js';
import { registerTool } from '../registerTool.js';
import type { ToolContext } from '../toolContext.js';

const inputSchema = z.object({
  table_names: z
    .array(z.string().min(1).max(100))
    .min(1, 'give at least one table name')
    .max(20)
    .describe('Table names, e.g. ["retail.customers", "retail.sales_transactions"]'),
});

/** Accepts `customers` or `retail.customers`, in any case. */
export function findTables(tables: readonly TableDescription[], names: readonly string[]): TableDescription[] {
  const valid = tables.map((table) => table.qualifiedName);
  return names.map((name) => {
    const bare = name.trim().toLowerCase().replace(/^retail\./, '');
    const table = tables.find((candidate) => candidate.table === bare);
    if (!table) throw new ZavaError('not_found', `unknown table "${name}"; valid tables: ${valid.join(', ')}`);
    return table;
  });
}

export function registerTableSchemasTool(server: McpServer, context: ToolContext): void {
  registerTool(server, context, {
    name: 'get_multiple_table_schemas',
    title: 'Table schemas',
    description:
      'Columns (types, nullability, defaults, comments), keys, foreign keys, checks and indexes of retail tables. ' +
      `Tables: ${context.tables.map((table) => table.qualifiedName).join(', ')}. Call this before writing SQL.`,
    inputSchema,
    outputSchema: z.object({ tables: z.array(tableDescriptionSchema) }),
    handler: async ({ table_names }) => {
      const tables = findTables(context.tables, table_names);
      return { structured: { tables }, text: tables.map(renderTableDescription).join('\n\n') };
    },
  });
}
