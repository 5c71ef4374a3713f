import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHART_REPORT_NAMES } from '../../src/services/charts/chartRequest.js';
import { IMAGE_LIMITS } from '../../src/services/charts/renderChart.js';
import { connectInProcess, type InProcessServer } from '../support/mcpInProcess.js';
import { expectDrawnPng } from '../support/pngImages.js';
import { describeEngines, ENGINE_KINDS, useSeededDatabase } from '../support/seededDatabase.js';
import { expectToolError, structuredOf, textOf } from '../support/toolResults.js';

/** Inside the seeded test data (seed 7, scale 0.2, sales up to 2025-06-30). */
const PERIOD = { start_date: '2025-04-01', end_date: '2025-06-30' };

interface ChartContent {
  report: string;
  stores: string[];
  rows: Record<string, unknown>[];
  chart: { mime_type: string; width: number; height: number; bytes: number };
}

/** The PNG of a chart result: the text first, then one image block. */
function pngOf(result: CallToolResult): Buffer {
  expect(result.content.map((block) => block.type)).toEqual(['text', 'image']);
  const image = result.content[1]!;
  expect(image.type === 'image' && image.mimeType).toBe('image/png');
  return Buffer.from(image.type === 'image' ? image.data : '', 'base64');
}

/*
 * sales_chart through a real MCP client on each engine: a picture of the governed
 * report, with the report itself as structured content, under the server's binding.
 */
describeEngines(ENGINE_KINDS, 'sales_chart on %s', (kind) => {
  const database = useSeededDatabase(kind);
  let seattle: InProcessServer;
  let everyStore: InProcessServer;

  beforeAll(async () => {
    seattle = await connectInProcess(database.db, { store: 'seattle' });
    everyStore = await connectInProcess(database.db, { store: '*' });
  });
  afterAll(async () => {
    await seattle?.close();
    await everyStore?.close();
  });

  it.each(CHART_REPORT_NAMES)('returns %s as a PNG of the size it states, within the limits, with something drawn', async (report) => {
    const result = await seattle.call('sales_chart', { report, ...PERIOD });
    const { chart, rows } = structuredOf<ChartContent>(result);
    expect(rows.length).toBeGreaterThan(0);
    const png = pngOf(result);
    expect(png.length).toBe(chart.bytes);
    expect(chart.mime_type).toBe('image/png');
    expect(chart.width).toBeLessThanOrEqual(IMAGE_LIMITS.maxWidth);
    expect(chart.height).toBeLessThanOrEqual(IMAGE_LIMITS.maxHeight);
    expect(chart.bytes).toBeLessThanOrEqual(IMAGE_LIMITS.maxBytes);
    expectDrawnPng(png, { width: chart.width, height: chart.height });
    expect(textOf(result)).toMatch(/^Chart: .+ PNG, attached\)/);
  });

  it.each([
    { report: 'daily_sales', ...PERIOD },
    { report: 'monthly_sales' },
    { report: 'category_performance', ...PERIOD, by_store: true },
    { report: 'payment_mix', start_date: '2025-06-01' },
    { report: 'top_products', ...PERIOD, limit: 25 },
    { report: 'returns', ...PERIOD, limit: 3, by_store: true },
  ])("gives sales_report's structured content and text for $report with the same arguments", async (args) => {
    for (const server of [seattle, everyStore]) {
      const chart = await server.call('sales_chart', args);
      const report = await server.call('sales_report', args);
      const { chart: drawn, ...data } = structuredOf<ChartContent>(chart);
      expect(drawn.bytes).toBeGreaterThan(0);
      expect(data).toEqual(structuredOf(report));
      expect(textOf(chart)).toContain(textOf(report));
    }
  });

  it("shows a seattle-bound server's chart only seattle's rows, even split by store", async () => {
    for (const report of CHART_REPORT_NAMES) {
      const { stores, rows } = structuredOf<ChartContent>(await seattle.call('sales_chart', { report, ...PERIOD, by_store: true, limit: 100 }));
      expect(stores).toEqual(['seattle']);
      expect(new Set(rows.map((row) => row.store_id)), report).toEqual(new Set(['seattle']));
    }
    // The same request on every store's server has the other stores: the filter above had something to filter.
    const { rows } = structuredOf<ChartContent>(await everyStore.call('sales_chart', { report: 'monthly_sales', ...PERIOD, by_store: true }));
    expect(new Set(rows.map((row) => row.store_id))).toEqual(new Set(['bellevue', 'online', 'redmond', 'seattle']));
  });

  it('draws an empty period as a picture, with no rows', async () => {
    const result = await seattle.call('sales_chart', { report: 'daily_sales', start_date: '2030-01-01', end_date: '2030-01-31' });
    const { rows, chart } = structuredOf<ChartContent>(result);
    expect(rows).toEqual([]);
    expectDrawnPng(pngOf(result), { width: chart.width, height: chart.height });
  });

  it('refuses an unknown report or a report that is not drawn, in one line naming the argument', async () => {
    expectToolError(await seattle.call('sales_chart', {}), 'report');
    expectToolError(await seattle.call('sales_chart', { report: 'weekly_sales' }), /expected one of "daily_sales".*"returns" at report/);
    expectToolError(await seattle.call('sales_chart', { report: 'low_stock' }), /expected one of "daily_sales".*"returns" at report/);
    expectToolError(await seattle.call('sales_chart', { report: 'top_products', limit: 101 }), 'limit');
    expectToolError(await seattle.call('sales_chart', { report: 'daily_sales', colour: 'red' }), 'colour');
  });

  it.each([
    { start_date: '2025-06-30', end_date: '2025-04-01' },
    { start_date: '2025-02-30' },
    { end_date: '30/06/2025' },
    { start_date: '2024-01-01', end_date: '2025-06-30' },
  ])("refuses bad dates %o with sales_report's own line", async (dates) => {
    const args = { report: 'daily_sales', ...dates };
    const expected = expectToolError(await seattle.call('sales_report', args), /date|days/, 'invalid_argument');
    expect(expectToolError(await seattle.call('sales_chart', args), /date|days/, 'invalid_argument')).toBe(expected);
  });
});
