import type { ChartReportName } from '../../src/services/charts/chartRequest.js';
import type { SalesReport } from '../../src/services/salesReports/salesReport.js';

/** A period of the test dataset's last quarter. */
export const SAMPLE_PERIOD = { start_date: '2025-04-01', end_date: '2025-06-30', defaulted: false };

const CATEGORIES = ['Electronics', 'Sports & Outdoors', 'Home & Garden', 'Clothing', 'Health & Beauty', 'Books & Media', 'Automotive'];
const PAYMENT_METHODS = ['credit_card', 'debit_card', 'cash', 'digital_wallet'];

/** A product name as long as the catalogue's longest, numbered. */
export const productName = (index: number) => `Ridgeline Double Hammock with Straps and Carry Bag No. ${index + 1}`;

/** Net sales that vary from row to row, the same every run. */
const amount = (index: number, store: number) => Math.round((1_200 + 900 * Math.sin(index / 3 + store) + 37 * index) * 100) / 100;

function days(period: typeof SAMPLE_PERIOD): string[] {
  const out: string[] = [];
  for (const day = new Date(`${period.start_date}T00:00:00Z`); day.toISOString().slice(0, 10) <= period.end_date; day.setUTCDate(day.getUTCDate() + 1)) {
    out.push(day.toISOString().slice(0, 10));
  }
  return out;
}

/** The rows a report of this name would have (only the columns its chart reads), for each of `stores`. */
function sampleRows(report: ChartReportName, stores: string[], count: number, period: typeof SAMPLE_PERIOD): Record<string, unknown>[] {
  const perStore = (make: (index: number, store: string, storeIndex: number) => Record<string, unknown>, names: number) =>
    stores.flatMap((store, storeIndex) => Array.from({ length: names }, (_, index) => ({ store_id: store, ...make(index, store, storeIndex) })));
  switch (report) {
    case 'daily_sales':
      // Every other day has sales; the days between have none (and no row).
      return perStore((index, _store, s) => ({ period_start: days(period)[index * 2], net_sales: amount(index, s) }), Math.ceil(days(period).length / 2));
    case 'monthly_sales':
      return perStore((index, _store, s) => ({ period_start: `2025-0${4 + index}-01`, net_sales: amount(index, s) * 20 }), 3);
    case 'category_performance':
      return perStore((index, _store, s) => ({ category_name: CATEGORIES[index], net_sales: amount(index, s) * 5 }), Math.min(count, CATEGORIES.length));
    case 'payment_mix':
      return perStore((index) => ({ payment_method: PAYMENT_METHODS[index], share_of_transactions_percent: [48.5, 24.25, 17.25, 10][index] }), PAYMENT_METHODS.length);
    case 'top_products':
      return perStore((index, _store, s) => ({ product_name: productName(index), net_sales: 2_000 - 15 * index - s }), count);
    case 'returns':
      return perStore((index, _store, s) => ({ product_name: productName(index), returns_amount: 400 - 3 * index - s }), count);
  }
}

/** A report as runSalesReport returns it, made up: for rendering tests that need no database. */
export function sampleReport(
  report: ChartReportName,
  options: { stores?: string[]; byStore?: boolean; rows?: number; period?: typeof SAMPLE_PERIOD } = {},
): SalesReport {
  const stores = options.stores ?? ['seattle'];
  const period = options.period ?? SAMPLE_PERIOD;
  const rowStores = options.byStore ? stores : [stores.join(',')];
  return {
    report,
    description: `sample ${report}`,
    stores,
    period,
    definitions: {},
    columns: [],
    rows: sampleRows(report, rowStores, options.rows ?? 10, period),
    truncated: false,
  };
}

export function emptyReport(report: ChartReportName): SalesReport {
  return { ...sampleReport(report), rows: [] };
}
