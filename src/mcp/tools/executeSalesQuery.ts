import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { MAX_QUERY_LENGTH, runModelSql } from '../../services/modelSql.js';
import { registerTool } from '../registerTool.js';
import { QUERY_PREVIEW, renderRowsPreview } from '../renderRows.js';
import type { ToolContext } from '../toolContext.js';

const inputSchema = z.object({
  postgresql_query: z
    .string()
    .min(1, 'the query is empty')
    .max(MAX_QUERY_LENGTH, `the query is longer than ${MAX_QUERY_LENGTH} characters`)
    .describe('One PostgreSQL SELECT statement'),
});

const outputSchema = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.record(z.string(), z.unknown())),
  row_count: z.number().int(),
  truncated: z.boolean(),
  truncation_note: z.string().optional(),
  stores: z.array(z.string()),
  elapsed_ms: z.number(),
});

export function registerExecuteSalesQueryTool(server: McpServer, context: ToolContext): void {
  const { session, limits } = context;
  registerTool(server, context, {
    name: 'execute_sales_query',
    title: 'Run a read-only SQL query',
    description:
      'Run ONE read-only PostgreSQL SELECT (WITH, UNION, VALUES and EXPLAIN allowed) over the retail tables ' +
      `(unqualified names mean retail.*), as the bound store(s) ${session.storeIds.join(', ')}: row-level security shows only their rows. ` +
      `Writes, settings, system catalogs and other schemas are refused. Limits: ${session.statementTimeoutMs} ms, ${limits.rowLimit} rows, ` +
      `${Math.round(limits.byteLimit / 1024)} KiB. The text shows the first ${QUERY_PREVIEW.rows} rows at most; every row is in the structured result (rows). ` +
      'To get less, ask for less: aggregate in SQL, select only the columns you need, and add LIMIT.',
    inputSchema,
    outputSchema,
    handler: async ({ postgresql_query }) => {
      const result = await runModelSql(session, postgresql_query, limits);
      const structured = {
        columns: result.columns,
        rows: result.rows,
        row_count: result.rowCount,
        truncated: result.truncated,
        ...(result.truncationNote ? { truncation_note: result.truncationNote } : {}),
        stores: [...session.storeIds],
        elapsed_ms: Math.round(result.elapsedMs * 10) / 10,
      };
      const names = result.columns.map((column) => column.name);
      const preview = renderRowsPreview(names, result.rows);
      const left = result.rowCount - preview.shown;
      const text = [
        `${result.rowCount} row${result.rowCount === 1 ? '' : 's'}${result.truncated ? ' (TRUNCATED)' : ''}`,
        preview.table,
        ...(left > 0 ? [`... ${left} more row${left === 1 ? '' : 's'} not shown here: all ${result.rowCount} are in the structured result (rows).`] : []),
        ...(result.truncationNote ? [`Note: ${result.truncationNote}.`] : []),
      ].join('\n');
      return { structured, text };
    },
  });
}
