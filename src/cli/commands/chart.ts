import type { Command } from 'commander';
import { CHART_REPORT_NAMES } from '../../services/charts/chartReportNames.js';
import { addDatabaseOptions } from '../databaseOptions.js';
import { parsePositiveInteger } from '../optionParsers.js';
import type { ChartFlags } from '../actions/chart.js';

export function registerChartCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(
    program
      .command('chart')
      .description(`draw a governed sales report as a PNG or SVG chart, as a store sees it: ${CHART_REPORT_NAMES.join(', ')}`)
      .argument('<report>', 'which report to draw'),
  )
    .option('--store <id>', 'draw as this store (comma-separated list, or * for all stores; env ZAVA_STORE)')
    .option('--start-date <date>', 'first day, YYYY-MM-DD (default: as sales_report)')
    .option('--end-date <date>', 'last day, YYYY-MM-DD (default: the latest sale)')
    .option('--limit <n>', 'rows of a ranked report (default 10, at most 100)', parsePositiveInteger)
    .option('--by-store', 'one series or bar per store')
    .requiredOption('--out <file>', 'where to write the chart: FILE.png or FILE.svg')
    .action(async (report: string, flags: ChartFlags) => setExitCode(await (await import('../actions/chart.js')).runChart(report, flags)));
}
