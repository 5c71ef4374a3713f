import { REPORT_CURRENCY } from '../salesReports/definitions.js';
import type { ChartReportName } from './chartRequest.js';

/** How a measure is written on an axis and beside a bar. */
export interface ChartUnit {
  /** Shown in the axis title, e.g. "USD" or "%". */
  label: string;
  /** d3-format for axis ticks. */
  axisFormat: string;
  /** d3-format for the value written beside a bar. */
  valueFormat: string;
  /** Written after a formatted value (the percent sign, which d3's "%" would multiply by 100). */
  suffix: string;
  /** Said once in the subtitle, when the axis title is not enough. */
  subtitle?: string;
}

export const UNITS = {
  currency: { label: REPORT_CURRENCY, axisFormat: '$,.0f', valueFormat: '$,.0f', suffix: '', subtitle: `amounts in ${REPORT_CURRENCY}` },
  percent: { label: '%', axisFormat: ',.0f', valueFormat: ',.1f', suffix: '%' },
} as const satisfies Record<string, ChartUnit>;

/**
 * What one report looks like as a chart. A time series runs along x (a line per
 * day, bars per month); a ranking is horizontal bars, largest first.
 */
export interface ChartDefinition {
  title: string;
  shape: 'line' | 'columns' | 'ranking';
  /** The column along the category axis: a date for time series, a name for rankings. */
  category: { field: string; title: string };
  /** The column drawn, with its axis title (the unit is added) and unit. */
  measure: { field: string; title: string; unit: ChartUnit };
  /** What the measure means, in a few words, for the subtitle. */
  note: string;
  /**
   * Rankings by store: whether the same names recur in every store (categories,
   * payment methods: bars side by side per name) or not (products: one bar per
   * product and store, labelled with the store).
   */
  namesSharedByStores: boolean;
  /** Written in the plot when the period has no rows. */
  emptyText: string;
}

const NET_SALES = { field: 'net_sales', title: 'Net sales', unit: UNITS.currency };
const NET_SALES_NOTE = 'net sales: gross sales minus returns, before tax';
const PRODUCT = { field: 'product_name', title: 'Product' };

/** Most charts show net sales, and a period without rows has no sales. */
const chart = (definition: Pick<ChartDefinition, 'title' | 'shape' | 'category'> & Partial<ChartDefinition>): ChartDefinition => ({
  measure: NET_SALES,
  note: NET_SALES_NOTE,
  namesSharedByStores: true,
  emptyText: 'No sales in this period',
  ...definition,
});

export const CHART_DEFINITIONS: Readonly<Record<ChartReportName, ChartDefinition>> = {
  daily_sales: chart({ title: 'Net sales per day', shape: 'line', category: { field: 'period_start', title: 'Day' } }),
  monthly_sales: chart({ title: 'Net sales per month', shape: 'columns', category: { field: 'period_start', title: 'Month' } }),
  category_performance: chart({ title: 'Net sales by product category', shape: 'ranking', category: { field: 'category_name', title: 'Category' } }),
  payment_mix: chart({
    title: 'Payment mix',
    shape: 'ranking',
    category: { field: 'payment_method', title: 'Payment method' },
    measure: { field: 'share_of_transactions_percent', title: 'Share of transactions', unit: UNITS.percent },
    note: 'share of receipts (sales, returns and exchanges) paid each way',
  }),
  top_products: chart({ title: 'Top products by net sales', shape: 'ranking', category: PRODUCT, namesSharedByStores: false }),
  returns: chart({
    title: 'Most returned products',
    shape: 'ranking',
    category: PRODUCT,
    measure: { field: 'returns_amount', title: 'Returns', unit: UNITS.currency },
    note: 'returns: value of the units brought back, before tax',
    namesSharedByStores: false,
    emptyText: 'No returns in this period',
  }),
};
