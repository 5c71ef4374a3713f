import type { StoreSession } from '../../tenant/storeSession.js';
import { runSalesReport, type SalesReport } from '../salesReports/salesReport.js';
import { CHART_DEFINITIONS } from './chartDefinitions.js';
import type { SalesChartRequest } from './chartRequest.js';
import { chartSpec } from './chartSpec.js';
import { renderChart, type ChartFormat, type ChartImage } from './renderChart.js';

/** A governed report and its picture, drawn from the same rows. */
export interface SalesChart {
  report: SalesReport;
  image: ChartImage;
}

/** Runs the report through the bound stores' session, exactly as sales_report does, then draws it. */
export async function drawSalesChart(session: StoreSession, request: SalesChartRequest, format: ChartFormat): Promise<SalesChart> {
  const report = await runSalesReport(session, request);
  const image = await renderChart(chartSpec(report, CHART_DEFINITIONS[request.report], request.by_store), format);
  return { report, image };
}
