import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { CHART_DEFINITIONS } from '../../src/services/charts/chartDefinitions.js';
import { chartFontFiles, fontTextWidth } from '../../src/services/charts/chartFont.js';
import { CHART_REPORT_NAMES, type ChartReportName } from '../../src/services/charts/chartRequest.js';
import { chartSpec } from '../../src/services/charts/chartSpec.js';
import { IMAGE_LIMITS, renderChart } from '../../src/services/charts/renderChart.js';
import type { SalesReport } from '../../src/services/salesReports/salesReport.js';
import { expectDrawnPng } from '../support/pngImages.js';
import { emptyReport, productName, sampleReport } from './sampleReports.js';

const ALL_STORES = ['bellevue', 'online', 'redmond', 'seattle'];

const draw = (report: SalesReport, format: 'png' | 'svg', byStore = false) =>
  renderChart(chartSpec(report, CHART_DEFINITIONS[report.report as ChartReportName], byStore), format);

const svgText = async (report: SalesReport, byStore = false) => {
  const image = await draw(report, 'svg', byStore);
  expect(image.warnings).toEqual([]);
  return image.data.toString('utf8');
};

/** The lines of text drawn in an SVG, in order (a multi-line text is one tspan per line). */
const textsOf = (svg: string) =>
  [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)]
    .flatMap((match) => (match[1]!.includes('<tspan') ? [...match[1]!.matchAll(/<tspan\b[^>]*>([^<]*)<\/tspan>/g)].map((line) => line[1]!) : [match[1]!]))
    .map((text) => text.replace(/&amp;/g, '&'));

const withinLimits = (image: { width: number; height: number; data: Buffer }) => {
  expect(image.width).toBeLessThanOrEqual(IMAGE_LIMITS.maxWidth);
  expect(image.height).toBeLessThanOrEqual(IMAGE_LIMITS.maxHeight);
  expect(image.data.length).toBeLessThanOrEqual(IMAGE_LIMITS.maxBytes);
};

describe('drawing a report', () => {
  it.each(CHART_REPORT_NAMES)('draws %s as a PNG of the size it reports, within the limits, with something on it and no warnings', async (name) => {
    const image = await draw(sampleReport(name), 'png');
    expect(image.warnings).toEqual([]);
    expect(image.mimeType).toBe('image/png');
    withinLimits(image);
    expectDrawnPng(image.data, { width: image.width, height: image.height });
    // Sharper than one pixel per unit when the chart fits.
    const svg = await draw(sampleReport(name), 'svg');
    expect(image.width).toBeGreaterThan(svg.width);
  });

  it.each(CHART_REPORT_NAMES)('draws %s by store, one colour per store, with a legend naming them', async (name) => {
    const report = sampleReport(name, { stores: ALL_STORES, byStore: true, rows: 5 });
    const texts = textsOf(await svgText(report, true));
    for (const store of ALL_STORES) expect(texts.filter((text) => text === store || text.endsWith(`(${store})`)).length, store).toBeGreaterThan(0);
    expect(texts).toContain('Store');
  });

  it('titles the chart, names the stores and period, and gives the axes units and currency', async () => {
    const texts = textsOf(await svgText(sampleReport('daily_sales', { stores: ['redmond', 'seattle'] })));
    expect(texts).toContain('Net sales per day');
    expect(texts).toContain('Stores: redmond, seattle · 2025-04-01 to 2025-06-30');
    expect(texts).toContain('net sales: gross sales minus returns, before tax; amounts in USD');
    expect(texts).toContain('Net sales (USD)');
    expect(texts).toContain('Day');
    expect(texts.some((text) => /^\$\d{1,3}(,\d{3})*$/.test(text))).toBe(true);
    expect(texts).toContain('Apr 6');

    const mix = textsOf(await svgText(sampleReport('payment_mix')));
    expect(mix).toContain('Share of transactions (%)');
    expect(mix).toContain('48.5%');
    expect(mix).toContain('credit_card');
  });

  it('says when the period is the default one and when only the top rows are drawn', async () => {
    const report = { ...sampleReport('top_products'), truncated: true, period: { start_date: '2025-06-01', end_date: '2025-06-30', defaulted: true } };
    expect(textsOf(await svgText(report))).toContain('Store: seattle · 2025-06-01 to 2025-06-30 (default period) · top 10');
  });

  it('says "No sales in this period" for an empty period, under the same title, and draws it', async () => {
    const svg = await svgText(emptyReport('daily_sales'));
    expect(textsOf(svg)).toEqual(expect.arrayContaining(['Net sales per day', 'No sales in this period']));
    const png = await draw(emptyReport('monthly_sales'), 'png');
    expectDrawnPng(png.data, { width: png.width, height: png.height });
    expect(textsOf(await svgText(emptyReport('returns')))).toContain('No returns in this period');
  });

  it('draws a day without sales at zero instead of joining the days either side', () => {
    const report = sampleReport('daily_sales');
    const spec = chartSpec(report, CHART_DEFINITIONS.daily_sales, false) as { data: { values: { category: string; value: number }[] } };
    const values = spec.data.values;
    expect(values).toHaveLength(91);
    expect(values.find((value) => value.category === '2025-04-02')).toEqual({ category: '2025-04-02', value: 0, store: 'seattle' });
    expect(values.filter((value) => value.value !== 0)).toHaveLength(report.rows.length);
  });

  it('gives every product its own bar, labelled with its store when split by store, even when names recur', async () => {
    const byStore = textsOf(await svgText(sampleReport('top_products', { stores: ['redmond', 'seattle'], byStore: true, rows: 2 }), true));
    expect(byStore).toEqual(expect.arrayContaining([`${productName(0)} (redmond)`, `${productName(0)} (seattle)`].map((name) => expect.stringContaining(name.slice(0, 20)))));
    const together = sampleReport('top_products', { stores: ['redmond', 'seattle'], rows: 2 });
    together.rows = [...together.rows, ...together.rows];
    const spec = chartSpec(together, CHART_DEFINITIONS.top_products, false) as { data: { values: { category: string }[] } };
    expect(new Set(spec.data.values.map((value) => value.category)).size).toBe(4);
  });
});

describe('the same picture everywhere', () => {
  it('gives the same SVG for the same data, render after render, and different SVG for different data', async () => {
    const first = await svgText(sampleReport('category_performance'));
    await svgText(sampleReport('top_products'));
    expect(await svgText(sampleReport('category_performance'))).toBe(first);
    expect(await svgText(sampleReport('category_performance', { rows: 6 }))).not.toBe(first);
  });

  it("gives the same SVG whatever the machine's time zone", async () => {
    const original = process.env.TZ;
    const svgs: string[] = [];
    try {
      for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = zone;
        svgs.push(await svgText(sampleReport('daily_sales')), await svgText(sampleReport('monthly_sales')));
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    expect(svgs.slice(2)).toEqual([...svgs.slice(0, 2), ...svgs.slice(0, 2)]);
  });

  it('writes every text in the shipped font only', async () => {
    const svg = await svgText(sampleReport('top_products'));
    const families = new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map((match) => match[1]));
    expect([...families]).toEqual(['Open Sans']);
  });

  it('measures text as resvg draws it, with the shipped font', async () => {
    const width = await fontTextWidth();
    for (const [text, weight] of [[productName(41), 'normal'], ['Net sales per day', 'bold'], ['$12,345', 'normal']] as const) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="100"><text x="10" y="50" font-family="Open Sans" font-size="14" font-weight="${weight}">${text}</text></svg>`;
      const drawn = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: Object.values(chartFontFiles()), defaultFontFamily: 'Open Sans' } }).getBBox();
      expect(drawn, text).toBeDefined();
      // The drawn box is the ink, a little inside the advance width at either end.
      expect(Math.abs(drawn!.width - width({ fontSize: 14, fontWeight: weight }, text)), text).toBeLessThan(3);
    }
    expect(width({ fontSize: 12, limit: 50 }, productName(0))).toBe(50);
  });
});

describe('limits', () => {
  it('keeps the most crowded charts within 1600x1000 pixels and 300 KB', async () => {
    const crowded: [SalesReport, boolean][] = [
      [sampleReport('top_products', { stores: ALL_STORES, byStore: true, rows: 25 }), true],
      [sampleReport('returns', { rows: 100 }), false],
      [sampleReport('daily_sales', { stores: ALL_STORES, byStore: true, period: { start_date: '2024-07-01', end_date: '2025-06-30', defaulted: false } }), true],
      [sampleReport('category_performance', { stores: ALL_STORES, byStore: true }), true],
    ];
    for (const [report, byStore] of crowded) {
      const image = await draw(report, 'png', byStore);
      withinLimits(image);
      expectDrawnPng(image.data, { width: image.width, height: image.height });
    }
  });

  it('loads no data from outside the specification', async () => {
    for (const url of ['file:///etc/passwd', 'http://127.0.0.1:9/data.json']) {
      await expect(renderChart({ data: { url }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } }, 'svg')).rejects.toThrow(/could not be drawn/);
    }
  });
});
