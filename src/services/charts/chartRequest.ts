import { z } from 'zod';
import { ZavaError } from '../../errors.js';
import type { ReportName } from '../salesReports/reportQueries.js';
import { salesReportRequestSchema } from '../salesReports/salesReport.js';

/** The governed reports that read well as a picture: a series over time, or a ranking. */
export const CHART_REPORT_NAMES = ['daily_sales', 'monthly_sales', 'category_performance', 'payment_mix', 'top_products', 'returns'] as const satisfies readonly ReportName[];

export type ChartReportName = (typeof CHART_REPORT_NAMES)[number];

/** A chart request is a report request limited to the reports above; every other field is the report's own. */
export const salesChartRequestSchema = salesReportRequestSchema.extend({
  report: z.enum(CHART_REPORT_NAMES).describe('Which report to draw'),
});

export type SalesChartRequest = z.infer<typeof salesChartRequestSchema>;

/** Parses a request from outside MCP (the command line) into the same shape, with one line naming the first problem. */
export function parseSalesChartRequest(input: Record<string, unknown>): SalesChartRequest {
  const parsed = salesChartRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'request';
  throw new ZavaError('invalid_argument', `${field}: ${issue?.message ?? 'invalid chart request'}`);
}
