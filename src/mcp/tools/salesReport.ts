import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { REPORT_NAMES, REPORT_QUERIES, type ReportName } from '../../services/salesReports/reportQueries.js';
import { runSalesReport, salesReportRequestSchema, type SalesReport } from '../../services/salesReports/salesReport.js';
import { toJsonRows } from '../../jsonValues.js';
import { parseOrThrow } from '../../validation.js';
import type { AppServices } from '../appServices.js';
import { registerTool } from '../registerTool.js';
import { renderRowsAsTable } from '../renderRows.js';

const reportList = REPORT_NAMES.map((name) => `${name}: ${REPORT_QUERIES[name].description}`).join(' ');

export function registerSalesReportTool(server: McpServer, app: AppServices): void {
  registerTool(server, app.logger, {
    name: 'sales_report',
    title: 'Governed sales report',
    description:
      `Parameterised reports with fixed, documented definitions; prefer them to free SQL for common questions. ${reportList} ` +
      'Dates are inclusive UTC days (default: the 30 days up to the latest transaction; 12 months for monthly_sales).',
    inputSchema: {
      report: z.enum(REPORT_NAMES as [ReportName, ...ReportName[]]).describe('Which report'),
      start_date: z.string().optional().describe('First day, YYYY-MM-DD'),
      end_date: z.string().optional().describe('Last day, YYYY-MM-DD'),
      limit: z.number().int().min(1).max(100).optional().describe('Rows for ranked reports (default 10, at most 100)'),
      by_store: z.boolean().optional().describe('One row per store instead of all bound stores together'),
    },
    outputSchema: {
      report: z.string(),
      description: z.string(),
      stores: z.array(z.string()),
      period: z.object({ start_date: z.string(), end_date: z.string(), defaulted: z.boolean() }),
      definitions: z.record(z.string(), z.string()),
      columns: z.array(z.string()),
      rows: z.array(z.record(z.string(), z.unknown())),
      truncated: z.boolean(),
    },
    handler: async (args) => {
      const request = parseOrThrow(salesReportRequestSchema, args);
      const report = await runSalesReport(app.db, app.storeIds, request, app.settings.statementTimeoutMs);
      return { structured: { ...report, rows: toJsonRows(report.rows) }, text: renderReport(report) };
    },
  });
}

function renderReport(report: SalesReport): string {
  const lines = [
    `${report.report} for ${report.stores.join(', ')}, ${report.period.start_date}..${report.period.end_date}${report.period.defaulted ? ' (default period)' : ''}`,
    renderRowsAsTable(report.columns, report.rows),
  ];
  if (report.truncated) lines.push('(more rows exist; raise limit or narrow the period)');
  lines.push('Definitions:', ...Object.entries(report.definitions).map(([name, text]) => `- ${name}: ${text}`));
  return lines.join('\n');
}
