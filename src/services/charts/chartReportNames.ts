import type { ReportName } from '../salesReports/reportQueries.js';

/** The governed reports that read well as a picture (apart from the schemas, so the command line can name them without loading them). */
export const CHART_REPORT_NAMES = ['daily_sales', 'monthly_sales', 'category_performance', 'payment_mix', 'top_products', 'returns'] as const satisfies readonly ReportName[];

export type ChartReportName = (typeof CHART_REPORT_NAMES)[number];
