import { z } from 'zod';
import { ZavaError } from '../../errors.js';
import type { StoreSession } from '../../tenant/storeSession.js';
import { METRIC_DEFINITIONS } from './definitions.js';
import { REPORT_NAMES, REPORT_QUERIES, type ReportName } from './reportQueries.js';

/**
 * A report request, as the MCP tool publishes and parses it. Dates are checked by
 * the report itself (calendarDate), so that a wrong date is the report's own
 * invalid_argument error naming the field, like a period that is too long.
 */
export const salesReportRequestSchema = z
  .object({
    report: z.enum(REPORT_NAMES as [ReportName, ...ReportName[]]).describe('Which report'),
    start_date: z.string().optional().describe('First day, YYYY-MM-DD'),
    end_date: z.string().optional().describe('Last day, YYYY-MM-DD'),
    limit: z.number().int().min(1).max(100).default(10).describe('Rows for ranked reports (default 10, at most 100)'),
    by_store: z
      .boolean()
      .default(false)
      .describe('One row per store instead of all bound stores together; rows of products always name the store of each product'),
  })
  .strict();

export type SalesReportRequest = z.infer<typeof salesReportRequestSchema>;

export const salesReportSchema = z.object({
  report: z.enum(REPORT_NAMES as [ReportName, ...ReportName[]]),
  description: z.string(),
  stores: z.array(z.string()),
  period: z.object({ start_date: z.string(), end_date: z.string(), defaulted: z.boolean() }),
  definitions: z.record(z.string(), z.string()),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.unknown())),
  truncated: z.boolean(),
});

export type SalesReport = z.infer<typeof salesReportSchema>;

const TIME_SERIES_ROWS = 5_000;
const MAX_DAYS = { daily_sales: 366, monthly_sales: 3_660 } as const;
const DEFAULT_DAYS = { monthly_sales: 365 } as const;
const LATEST_SALE_SQL = 'SELECT max(transaction_date)::date AS latest FROM sales_transactions';

/** Runs one governed report for the bound stores, inside their store session. */
export async function runSalesReport(session: StoreSession, request: SalesReportRequest): Promise<SalesReport> {
  const query = REPORT_QUERIES[request.report];
  const timeSeries = request.report === 'daily_sales' || request.report === 'monthly_sales';
  const rowLimit = timeSeries ? TIME_SERIES_ROWS : request.limit;
  return session.read(async (tx) => {
    const period = await resolvePeriod(request, async () => {
      const latest = await tx.query<{ latest: string | null }>(LATEST_SALE_SQL);
      return latest.rows[0]?.latest ?? new Date().toISOString().slice(0, 10);
    });
    const grouping = 'perProduct' in query ? [] : [request.by_store, session.storeIds.join(',')];
    const result = await tx.query(query.sql, [period.start_date, period.end_date, rowLimit + 1, ...grouping]);
    const truncated = result.rows.length > rowLimit;
    return {
      report: request.report,
      description: query.description,
      stores: [...session.storeIds],
      period,
      definitions: Object.fromEntries(query.metrics.map((metric) => [metric, METRIC_DEFINITIONS[metric]])),
      columns: result.fields.map((field) => field.name),
      rows: truncated ? result.rows.slice(0, rowLimit) : result.rows,
      truncated,
    };
  });
}

async function resolvePeriod(
  request: SalesReportRequest,
  latestSale: () => Promise<string>,
): Promise<SalesReport['period']> {
  const defaultDays = request.report === 'monthly_sales' ? DEFAULT_DAYS.monthly_sales : 30;
  const defaulted = request.start_date === undefined || request.end_date === undefined;
  let end = calendarDate('end_date', request.end_date);
  let start = calendarDate('start_date', request.start_date);
  if (end === undefined) end = start !== undefined ? addDays(start, defaultDays - 1) : await latestSale();
  if (start === undefined) start = addDays(end, -(defaultDays - 1));
  if (start > end) throw new ZavaError('invalid_argument', `start_date ${start} is after end_date ${end}`);
  const maxDays = request.report in MAX_DAYS ? MAX_DAYS[request.report as keyof typeof MAX_DAYS] : 3_660;
  if (daysBetween(start, end) + 1 > maxDays) {
    throw new ZavaError('invalid_argument', `the ${request.report} report covers at most ${maxDays} days; narrow start_date..end_date`);
  }
  return { start_date: start, end_date: end, defaulted };
}

function calendarDate(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new ZavaError('invalid_argument', `${field}: dates are YYYY-MM-DD`);
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new ZavaError('invalid_argument', `${field}: not a calendar date`);
  return value;
}

function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}
