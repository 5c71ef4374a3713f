import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { runModelSql } from '../../services/modelSql.js';
import type { AppServices } from '../appServices.js';
import { registerTool } from '../registerTool.js';
import { renderRowsAsTable } from '../renderRows.js';

export const MAX_QUERY_LENGTH = 20_000;

export function registerExecuteSalesQueryTool(server: McpServer, app: AppServices): void {
  const { rowLimit, byteLimit, statementTimeoutMs } = app.settings;
  registerTool(server, app.logger, {
    name: 'execute_sales_query',
    title: 'Run a read-only SQL query',
    description:
      'Run ONE read-only PostgreSQL SELECT (WITH, UNION, VALUES and EXPLAIN allowed) over the retail tables ' +
      `(unqualified names mean retail.*), as the bound store(s) ${app.storeIds.join(', ')}: row-level security shows only their rows. ` +
      `Writes, settings, system catalogs and other schemas are refused. Limits: ${statementTimeoutMs} ms, ${rowLimit} rows, ` +
      `${Math.round(byteLimit / 1024)} KiB; aggregate in SQL rather than fetching raw rows.`,
    inputSchema: {
      postgresql_query: z
        .string()
        .min(1, 'the query is empty')
        .max(MAX_QUERY_LENGTH, `the query is longer than ${MAX_QUERY_LENGTH} characters`)
        .describe('One PostgreSQL SELECT statement'),
    },
    outputSchema: {
      columns: z.array(z.object({ name: z.string(), type: z.string() })),
      rows: z.array(z.record(z.string(), z.unknown())),
      row_count: z.number().int(),
      truncated: z.boolean(),
      truncation_note: z.string().optional(),
      stores: z.array(z.string()),
      elapsed_ms: z.number(),
    },
    handler: async ({ postgresql_query }) => {
      const result = await runModelSql(app.db, app.storeIds, postgresql_query, {
        rowLimit,
        byteLimit,
        timeoutMs: statementTimeoutMs,
      });
      const structured = {
        columns: result.columns,
        rows: result.rows,
        row_count: result.rowCount,
        truncated: result.truncated,
        ...(result.truncationNote ? { truncation_note: result.truncationNote } : {}),
        stores: app.storeIds,
        elapsed_ms: Math.round(result.elapsedMs * 10) / 10,
      };
      const names = result.columns.map((column) => column.name);
      const text = [
        `${result.rowCount} row${result.rowCount === 1 ? '' : 's'}${result.truncated ? ' (TRUNCATED)' : ''}`,
        renderRowsAsTable(names, result.rows),
        ...(result.truncationNote ? [`Note: ${result.truncationNote}.`] : []),
      ].join('\n');
      return { structured, text };
    },
  });
}
