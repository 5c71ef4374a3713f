import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { toJsonRows } from '../../jsonValues.js';
import { REPORT_NAMES, REPORT_QUERIES } from '../../services/salesReports/reportQueries.js';
import { runSalesReport, salesReportRequestSchema, salesReportSchema, type SalesReport } from '../../services/salesReports/salesReport.js';
import { registerTool } from '../registerTool.js';
import { renderRowsAsTable } from '../renderRows.js';
import type { ToolContext } from '../toolContext.js';

const reportList = REPORT_NAMES.map((name) => `${name}: ${REPORT_QUERIES[name].description}`).join(' ');

export function registerSalesReportTool(server: McpServer, context: ToolContext): void {
  registerTool(server, context, {
    name: 'sales_report',
    title: 'Governed sales report',
    description:
      `Parameterised reports with fixed, documented definitions; prefer them to free SQL for common questions. ${reportList} ` +
      'Dates are inclusive UTC days (default: the 30 days up to the latest transaction; 12 months for monthly_sales).',
    inputSchema: salesReportRequestSchema,
    outputSchema: salesReportSchema,
    handler: async (request) => {
      const report = await runSalesReport(context.session, request);
      return { structured: { ...report, rows: toJsonRows(report.rows) }, text: renderReport(report) };
    },
  });
}

/** The report as text: a header line, the rows as a table, the truncation note and the definitions. */
export function renderReport(report: SalesReport): string {
  const lines = [
    `${report.report} for ${report.stores.join(', ')}, ${report.period.start_date}..${report.period.end_date}${report.period.defaulted ? ' (default period)' : ''}`,
    renderRowsAsTable(report.columns, report.rows),
  ];
  if (report.truncated) lines.push('(more rows exist; raise limit or narrow the period)');
  lines.push('Definitions:', ...Object.entries(report.definitions).map(([name, text]) => `- ${name}: ${text}`));
  return lines.join('\n');
}
