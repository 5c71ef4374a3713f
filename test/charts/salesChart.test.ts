import { describe, expect, it } from 'vitest';
import { CHART_REPORT_NAMES, type SalesChartRequest } from '../../src/services/charts/chartRequest.js';
import { drawSalesChart } from '../../src/services/charts/salesChart.js';
import { runSalesReport } from '../../src/services/salesReports/salesReport.js';
import { EACH_ENGINE, useSeededDatabase } from '../support/seededDatabase.js';
import { storeSessionFor } from '../support/storeSessions.js';

/** Inside the seeded test data (seed 7, scale 0.2, sales up to 2025-06-30). */
const PERIOD = { start_date: '2025-04-01', end_date: '2025-06-30' };
const request = (report: SalesChartRequest['report'], extra: Partial<SalesChartRequest> = {}): SalesChartRequest => ({ report, limit: 10, by_store: false, ...PERIOD, ...extra });

/*
 * The charts of the test dataset, drawn from the database on each engine: both
 * engines must give the very same SVG, the one committed under __snapshots__.
 */
describe.each(EACH_ENGINE)('charts of the test dataset on %s', (kind) => {
  const database = useSeededDatabase(kind);

  it.each(CHART_REPORT_NAMES)('draws %s for seattle as the committed SVG', async (report) => {
    const session = await storeSessionFor(database.db, ['seattle']);
    const { report: data, image } = await drawSalesChart(session, request(report), 'svg');
    expect(data.rows.length).toBeGreaterThan(0);
    expect(image.warnings).toEqual([]);
    await expect(image.data.toString('utf8')).toMatchFileSnapshot(`__snapshots__/seattle-${report}.svg`);
  });

  it('draws monthly sales of every store by store as the committed SVG', async () => {
    const session = await storeSessionFor(database.db, ['bellevue', 'online', 'redmond', 'seattle']);
    const { image } = await drawSalesChart(session, request('monthly_sales', { by_store: true }), 'svg');
    expect(image.warnings).toEqual([]);
    await expect(image.data.toString('utf8')).toMatchFileSnapshot('__snapshots__/all-stores-monthly_sales-by-store.svg');
  });

  it('draws from the very rows the report returns for the same request', async () => {
    const session = await storeSessionFor(database.db, ['redmond', 'seattle']);
    for (const report of CHART_REPORT_NAMES) {
      const chart = await drawSalesChart(session, request(report, { by_store: true, limit: 20 }), 'svg');
      expect(chart.report, report).toEqual(await runSalesReport(session, request(report, { by_store: true, limit: 20 })));
    }
  });
});
