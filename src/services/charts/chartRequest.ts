import { z } from 'zod';
import { ZavaError } from '../../errors.js';
import { salesReportRequestSchema } from '../salesReports/salesReport.js';
import { CHART_REPORT_NAMES } from './chartReportNames.js';

export { CHART_REPORT_NAMES, type ChartReportName } from './chartReportNames.js';

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
