import type { TopLevelSpec } from 'vega-lite';
import type { SalesReport } from '../salesReports/salesReport.js';
import type { ChartDefinition, ChartUnit } from './chartDefinitions.js';
import { CHART_CONFIG, NAME_LABEL_LIMIT, PLOT, STORE_COLOURS } from './chartTheme.js';

/** One mark's worth of data: the few columns a chart draws, under fixed names. */
interface ChartDatum {
  category: string;
  value: number;
  store: string;
}

type Layout = Omit<TopLevelSpec, 'config' | 'title' | 'background' | 'padding'>;

/**
 * The Vega-Lite specification of a report's chart: pure data in, the same JSON out
 * for the same report. Dates are read and written in UTC, so no machine's time zone
 * moves a day; an empty period draws a plot that says so. `byStore` is the request's
 * by_store: one series (or bar) per bound store, in the stores' own colours.
 */
export function chartSpec(report: SalesReport, definition: ChartDefinition, byStore: boolean): TopLevelSpec {
  const title = { text: definition.title, subtitle: subtitleLines(report, definition) };
  const layout = report.rows.length === 0 ? emptyLayout(definition) : dataLayout(report, definition, byStore && report.stores.length > 1);
  return { ...layout, title, config: CHART_CONFIG } as TopLevelSpec;
}

function subtitleLines(report: SalesReport, definition: ChartDefinition): string[] {
  const { start_date: start, end_date: end, defaulted } = report.period;
  const stores = `${report.stores.length === 1 ? 'Store' : 'Stores'}: ${report.stores.join(', ')}`;
  const period = `${start} to ${end}${defaulted ? ' (default period)' : ''}`;
  const shown = report.truncated ? [definition.shape === 'ranking' ? `top ${report.rows.length}` : `first ${report.rows.length} rows`] : [];
  const unit = definition.measure.unit.subtitle;
  return [[stores, period, ...shown].join(' · '), unit ? `${definition.note}; ${unit}` : definition.note];
}

function emptyLayout(definition: ChartDefinition): Layout {
  return {
    width: PLOT.width,
    height: PLOT.emptyHeight,
    data: { values: [{ message: definition.emptyText }] },
    mark: { type: 'text', fontSize: 22, color: '#666' },
    encoding: { text: { field: 'message', type: 'nominal' } },
  } as Layout;
}

function dataLayout(report: SalesReport, definition: ChartDefinition, byStore: boolean): Layout {
  const rows = report.rows.map((row) => ({
    category: String(row[definition.category.field] ?? '(none)'),
    value: Number(row[definition.measure.field] ?? 0),
    store: String(row.store_id),
  }));
  if (definition.shape === 'ranking') return rankingLayout(rankingData(rows, definition, byStore), definition, byStore);
  const unit = definition.shape === 'line' ? 'day' : 'month';
  const series = byStore ? [...report.stores] : [...new Set(rows.map((row) => row.store))];
  const values = withEmptyPeriods(rows, series, periodStarts(report.period, unit));
  return unit === 'day' ? lineLayout(values, definition, byStore) : columnsLayout(values, definition, byStore);
}

function rankingData(rows: ChartDatum[], definition: ChartDefinition, byStore: boolean): ChartDatum[] {
  if (definition.namesSharedByStores) return rows;
  // Product rows are per store: name each bar so that two stores' products never share one.
  return distinctNames(rows.map((row) => ({ ...row, category: byStore ? `${row.category} (${row.store})` : row.category })));
}

/**
 * A day or month without a transaction has no row in the report, yet its net sales
 * are zero, not unknown: the chart draws it at zero, for every series, rather than
 * joining the days either side.
 */
function withEmptyPeriods(rows: ChartDatum[], stores: string[], periods: string[]): ChartDatum[] {
  const present = new Set(rows.map((row) => `${row.store}|${row.category}`));
  const missing = stores.flatMap((store) => periods.filter((period) => !present.has(`${store}|${period}`)).map((period) => ({ category: period, value: 0, store })));
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows, ...missing].sort((a, b) => order(a.category, b.category) || order(a.store, b.store));
}

/** The first day of every day or month from start to end, as YYYY-MM-DD (how the report writes period_start). */
function periodStarts(period: SalesReport['period'], unit: 'day' | 'month'): string[] {
  const day = new Date(`${period.start_date}T00:00:00Z`);
  if (unit === 'month') day.setUTCDate(1);
  const starts: string[] = [];
  for (; day.toISOString().slice(0, 10) <= period.end_date; unit === 'day' ? day.setUTCDate(day.getUTCDate() + 1) : day.setUTCMonth(day.getUTCMonth() + 1)) {
    starts.push(day.toISOString().slice(0, 10));
  }
  return starts;
}

/** Names that recur get (2), (3)... in order of appearance, so every row keeps a bar of its own. */
function distinctNames(rows: ChartDatum[]): ChartDatum[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const count = (seen.get(row.category) ?? 0) + 1;
    seen.set(row.category, count);
    return count === 1 ? row : { ...row, category: `${row.category} (${count})` };
  });
}

function measureAxisTitle(definition: ChartDefinition): string {
  return `${definition.measure.title} (${definition.measure.unit.label})`;
}

function storeColour(byStore: boolean): Record<string, unknown> {
  return byStore ? { color: { field: 'store', type: 'nominal', title: 'Store', scale: { scheme: STORE_COLOURS } } } : {};
}

function valueEncoding(definition: ChartDefinition): Record<string, unknown> {
  return { field: 'value', type: 'quantitative', title: measureAxisTitle(definition), axis: { format: definition.measure.unit.axisFormat } };
}

/** A series over time: the period along x in UTC, the measure up y, a colour per store when split. */
function timeLayout(values: ChartDatum[], definition: ChartDefinition, byStore: boolean, mark: Record<string, unknown>, x: Record<string, unknown>, offset: Record<string, unknown>): Layout {
  return {
    width: PLOT.width,
    height: PLOT.seriesHeight,
    data: { values },
    mark,
    encoding: { x: { field: 'category', title: definition.category.title, ...x }, y: valueEncoding(definition), ...(byStore ? offset : {}), ...storeColour(byStore) },
  } as Layout;
}

function lineLayout(values: ChartDatum[], definition: ChartDefinition, byStore: boolean): Layout {
  const days = new Set(values.map((value) => value.category)).size;
  // Points mark the days when there are few enough to see one by one (a single day has no line).
  const mark = { type: 'line', point: days <= 31 };
  return timeLayout(values, definition, byStore, mark, { type: 'temporal', timeUnit: 'utcyearmonthdate', axis: { format: '%b %-d', labelOverlap: 'greedy' } }, {});
}

/**
 * Months are written out here ("Apr 2025") rather than left to a time unit: the axis
 * and the marks' accessible labels then read the same in every Vega-Lite version
 * (6.4 labelled the marks with epoch milliseconds).
 */
function columnsLayout(values: ChartDatum[], definition: ChartDefinition, byStore: boolean): Layout {
  const months = [...new Set(values.map((value) => value.category))].sort();
  const named = values.map((value) => ({ ...value, category: monthName(value.category) }));
  const x = { type: 'ordinal', sort: months.map(monthName), axis: { labelAngle: months.length > 8 ? -45 : 0, labelOverlap: 'greedy' } };
  return timeLayout(named, definition, byStore, { type: 'bar' }, x, { xOffset: { field: 'store', type: 'nominal' } });
}

const MONTH_NAMES = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2025-04-01" (a period's start, UTC) as "Apr 2025". */
function monthName(periodStart: string): string {
  return MONTH_NAMES.format(new Date(periodStart)).replace(',', '');
}

function rankingLayout(values: ChartDatum[], definition: ChartDefinition, byStore: boolean): Layout {
  const sideBySide = byStore && definition.namesSharedByStores;
  const bars = sideBySide ? new Set(values.map((value) => value.category)).size * new Set(values.map((value) => value.store)).size : values.length;
  const height = Math.min(PLOT.maxHeight, Math.max(PLOT.minHeight, bars * PLOT.barStep));
  const name = {
    field: 'category',
    type: 'nominal',
    title: definition.category.title,
    sort: { field: 'value', op: 'sum', order: 'descending' },
    // Vega-Lite keeps an axis within 200 pixels unless told; names may take their full limit.
    axis: { labelLimit: NAME_LABEL_LIMIT, maxExtent: NAME_LABEL_LIMIT + 10 },
  };
  return {
    width: PLOT.width,
    height,
    data: { values },
    transform: [{ calculate: valueLabelExpression(definition.measure.unit), as: 'label' }],
    encoding: {
      y: name,
      x: valueEncoding(definition),
      ...(sideBySide ? { yOffset: { field: 'store', type: 'nominal' } } : {}),
    },
    layer: [
      { mark: { type: 'bar' }, encoding: storeColour(byStore) },
      { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 11, color: '#333' }, encoding: { text: { field: 'label', type: 'nominal' } } },
    ],
  } as Layout;
}

/** A Vega expression writing the value beside its bar; the format strings are our own constants. */
function valueLabelExpression(unit: ChartUnit): string {
  return `format(datum.value, '${unit.valueFormat}')${unit.suffix ? ` + '${unit.suffix}'` : ''}`;
}
