import { z } from 'zod';
import type { DatabasePort } from '../../db/port.js';
import { ZavaError } from '../../errors.js';
import { withStoreContext } from '../../tenant/withStoreContext.js';
import { METRIC_DEFINITIONS } from './definitions.js';
import { REPORT_NAMES, REPORT_QUERIES, type ReportName } from './reportQueries.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD').refine(isCalendarDate, 'not a calendar date');

export const salesReportRequestSchema = z
  .object({
    report: z.enum(REPORT_NAMES as [ReportName, ...ReportName[]]),
    start_date: isoDate.optional(),
    end_date: isoDate.optional(),
    limit: z.number().int().min(1).max(100).default(10),
    by_store: z.boolean().default(false),
  })
  .strict();

export type SalesReportRequest = z.infer<typeof salesReportRequestSchema>;

export interface SalesReport {
  report: ReportName;
  description: string;
  stores: string[];
  period: { start_date: string; end_date: string; defaulted: boolean };
  definitions: Record<string, string>;
  columns: string[];
  rows: Record<string, unknown>[];
  truncated: boolean;
}

const TIME_SERIES_ROWS = 5_000;
const MAX_DAYS = { daily_sales: 366, monthly_sales: 3_660 } as const;
const DEFAULT_DAYS = { monthly_sales: 365 } as const;
const LATEST_SALE_SQL = 'SELECT max(transaction_date)::date AS latest FROM sales_transactions';

/** Runs one governed report for the bound stores, inside their store session. */
export async function runSalesReport(
  db: DatabasePort,
  storeIds: readonly string[],
  request: SalesReportRequest,
  timeoutMs: number,
): Promise<SalesReport> {
  const query = REPORT_QUERIES[request.report];
  const timeSeries = request.report === 'daily_sales' || request.report === 'monthly_sales';
  const rowLimit = timeSeries ? TIME_SERIES_ROWS : request.limit;
  return withStoreContext(
    db,
    storeIds,
    async (tx) => {
      const period = await resolvePeriod(request, async () => {
        const latest = await tx.query<{ latest: string | null }>(LATEST_SALE_SQL, [], { timeoutMs });
        return latest.rows[0]?.latest ?? new Date().toISOString().slice(0, 10);
      });
      const label = storeIds.join(',');
      const result = await tx.query(query.sql, [period.start_date, period.end_date, rowLimit + 1, request.by_store, label], { timeoutMs });
      const truncated = result.rows.length > rowLimit;
      return {
        report: request.report,
        description: query.description,
        stores: [...storeIds],
        period,
        definitions: Object.fromEntries(query.metrics.map((metric) => [metric, METRIC_DEFINITIONS[metric]])),
        columns: result.fields.map((field) => field.name),
        rows: truncated ? result.rows.slice(0, rowLimit) : result.rows,
        truncated,
      };
    },
    { readOnly: true },
  );
}

async function resolvePeriod(
  request: SalesReportRequest,
  latestSale: () => Promise<string>,
): Promise<SalesReport['period']> {
  const defaultDays = request.report === 'monthly_sales' ? DEFAULT_DAYS.monthly_sales : 30;
  const defaulted = request.start_date === undefined || request.end_date === undefined;
  let end = request.end_date;
  let start = request.start_date;
  if (end === undefined) end = start !== undefined ? addDays(start, defaultDays - 1) : await latestSale();
  if (start === undefined) start = addDays(end, -(defaultDays - 1));
  if (start > end) throw new ZavaError('invalid_argument', `start_date ${start} is after end_date ${end}`);
  const maxDays = request.report in MAX_DAYS ? MAX_DAYS[request.report as keyof typeof MAX_DAYS] : 3_660;
  if (daysBetween(start, end) + 1 > maxDays) {
    throw new ZavaError('invalid_argument', `the ${request.report} report covers at most ${maxDays} days; narrow start_date..end_date`);
  }
  return { start_date: start, end_date: end, defaulted };
}

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}
