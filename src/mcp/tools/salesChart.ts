import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { toJsonRows } from '../../jsonValues.js';
import { CHART_DEFINITIONS } from '../../services/charts/chartDefinitions.js';
import { CHART_REPORT_NAMES, salesChartRequestSchema } from '../../services/charts/chartRequest.js';
import { CHART_MIME_TYPES, IMAGE_LIMITS } from '../../services/charts/renderChart.js';
import { drawSalesChart } from '../../services/charts/salesChart.js';
import { salesReportSchema } from '../../services/salesReports/salesReport.js';
import { registerTool } from '../registerTool.js';
import type { ToolContext } from '../toolContext.js';
import { renderReport } from './salesReport.js';

const chartList = CHART_REPORT_NAMES.map((name) => `${name}: ${CHART_DEFINITIONS[name].title.toLowerCase()}`).join('; ');

/** The report exactly as sales_report returns it, and what was drawn. */
const salesChartSchema = salesReportSchema.extend({
  chart: z.object({
    mime_type: z.literal(CHART_MIME_TYPES.png),
    width: z.number().int().describe('Pixels'),
    height: z.number().int().describe('Pixels'),
    bytes: z.number().int(),
  }),
});

export function registerSalesChartTool(server: McpServer, context: ToolContext): void {
  registerTool(server, context, {
    name: 'sales_chart',
    title: 'Governed sales report as a chart',
    description:
      `Draws a governed sales report as a PNG chart (for showing a person) and returns the same rows as sales_report. ${chartList}. ` +
      `Same arguments, definitions and default periods as sales_report; at most ${IMAGE_LIMITS.maxWidth}x${IMAGE_LIMITS.maxHeight} pixels.`,
    inputSchema: salesChartRequestSchema,
    outputSchema: salesChartSchema,
    handler: async (request) => {
      const { report, image } = await drawSalesChart(context.session, request, 'png');
      const chart = { mime_type: CHART_MIME_TYPES.png, width: image.width, height: image.height, bytes: image.data.length };
      const text = `Chart: ${CHART_DEFINITIONS[request.report].title} (${image.width}x${image.height} PNG, attached).\n${renderReport(report)}`;
      return { structured: { ...report, rows: toJsonRows(report.rows), chart }, text, image };
    },
  });
}
