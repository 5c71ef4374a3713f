import { openPglite } from '../../src/db/openDatabase.js';
import { CHART_DEFINITIONS } from '../../src/services/charts/chartDefinitions.js';
import { CHART_REPORT_NAMES, type ChartReportName } from '../../src/services/charts/chartRequest.js';
import { chartSpec } from '../../src/services/charts/chartSpec.js';
import { renderChart, type ChartFormat } from '../../src/services/charts/renderChart.js';
import { runSalesReport } from '../../src/services/salesReports/salesReport.js';
import { StoreSessions } from '../../src/tenant/storeSessions.js';
import { percentile, round } from '../support/stats.js';

export interface ChartRenderTimes {
  report: ChartReportName;
  rows: number;
  svgP50Ms: number;
  pngP50Ms: number;
  pngBytes: number;
  pngSize: string;
}

export interface ChartRendering {
  /** The first chart of a process: Vega, Vega-Lite, resvg and the font load then. */
  firstPngMs: number;
  perReport: ChartRenderTimes[];
  rounds: number;
}

/**
 * Drawing alone, in process: each chart report of seattle's last quarter is read
 * once, then drawn as SVG (Vega-Lite compile, Vega layout) and as PNG (the same plus
 * resvg), alternating, `rounds` times each.
 */
export async function measureChartRendering(pgliteDir: string, rounds: number): Promise<ChartRendering> {
  const db = await openPglite({ dataDir: pgliteDir });
  try {
    const sessions = await StoreSessions.open(db, { statementTimeoutMs: 30_000, tempFileLimitMb: 256 });
    const session = sessions.forStores(['seattle']);
    const reports = await Promise.all(
      CHART_REPORT_NAMES.map((report) => runSalesReport(session, { report, start_date: '2025-04-01', end_date: '2025-06-30', limit: 10, by_store: false })),
    );
    const specs = reports.map((report) => chartSpec(report, CHART_DEFINITIONS[report.report as ChartReportName], false));
    const started = performance.now();
    await renderChart(specs[0]!, 'png');
    const firstPngMs = round(performance.now() - started);
    const perReport = [];
    for (const [index, spec] of specs.entries()) {
      const times: Record<ChartFormat, number[]> = { svg: [], png: [] };
      let png = await renderChart(spec, 'png');
      for (let i = 0; i < rounds; i++) {
        for (const format of ['svg', 'png'] as const) {
          const begin = performance.now();
          const image = await renderChart(spec, format);
          times[format].push(performance.now() - begin);
          if (format === 'png') png = image;
        }
      }
      perReport.push({
        report: CHART_REPORT_NAMES[index]!,
        rows: reports[index]!.rows.length,
        svgP50Ms: round(percentile(times.svg, 50)),
        pngP50Ms: round(percentile(times.png, 50)),
        pngBytes: png.data.length,
        pngSize: `${png.width}x${png.height}`,
      });
    }
    return { firstPngMs, perReport, rounds };
  } finally {
    await db.close();
  }
}
