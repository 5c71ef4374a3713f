import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ZavaError } from '../../errors.js';
import { renderTableDescription, type TableDescription } from '../../services/schemaCatalog.js';
import type { AppServices } from '../appServices.js';
import { registerTool } from '../registerTool.js';

const columnSchema = z.object({
  name: z.string(),
  type: z.string(),
  nullable: z.boolean(),
  default: z.string().nullable(),
  description: z.string().nullable(),
});

const tableSchema = z.object({
  table: z.string(),
  qualifiedName: z.string(),
  description: z.string().nullable(),
  columns: z.array(columnSchema),
  primaryKey: z.array(z.string()),
  uniqueConstraints: z.array(z.string()),
  foreignKeys: z.array(z.string()),
  checks: z.array(z.string()),
  indexes: z.array(z.object({ name: z.string(), definition: z.string() })),
  rowLevelSecurity: z.boolean(),
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

export function registerTableSchemasTool(server: McpServer, app: AppServices): void {
  registerTool(server, app.logger, {
    name: 'get_multiple_table_schemas',
    title: 'Table schemas',
    description:
      'Columns (types, nullability, defaults, comments), keys, foreign keys, checks and indexes of retail tables. ' +
      `Tables: ${app.tables.map((table) => table.qualifiedName).join(', ')}. Call this before writing SQL.`,
    inputSchema: {
      table_names: z
        .array(z.string().min(1).max(100))
        .min(1, 'give at least one table name')
        .max(20)
        .describe('Table names, e.g. ["retail.customers", "retail.sales_transactions"]'),
    },
    outputSchema: { tables: z.array(tableSchema) },
    handler: async ({ table_names }) => {
      const tables = findTables(app.tables, table_names);
      return { structured: { tables }, text: tables.map(renderTableDescription).join('\n\n') };
    },
  });
}
