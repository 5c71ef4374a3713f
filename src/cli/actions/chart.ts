import path from 'node:path';
import { openDatabase } from '../../db/openDatabase.js';
import { ZavaError } from '../../errors.js';
import { CHART_DEFINITIONS } from '../../services/charts/chartDefinitions.js';
import { parseSalesChartRequest } from '../../services/charts/chartRequest.js';
import type { ChartFormat } from '../../services/charts/renderChart.js';
import { drawSalesChart } from '../../services/charts/salesChart.js';
import { isInitialised } from '../../services/databaseStatus.js';
import { parseStoreBinding } from '../../tenant/storeBinding.js';
import { StoreSessions } from '../../tenant/storeSessions.js';
import { writeFileAtomically } from '../atomicWrite.js';
import { settingsFor } from '../commandSettings.js';
import type { DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';

export interface ChartFlags extends DatabaseFlags {
  store?: string;
  startDate?: string;
  endDate?: string;
  limit?: number;
  byStore?: boolean;
  out: string;
}

const FORMATS: Readonly<Record<string, ChartFormat>> = { '.png': 'png', '.svg': 'svg' };

export async function runChart(reportName: string, flags: ChartFlags): Promise<number> {
  try {
    const format = FORMATS[path.extname(flags.out).toLowerCase()];
    if (!format) throw new ZavaError('usage', `--out ${flags.out}: the file name must end in .png or .svg`);
    const request = parseSalesChartRequest({
      report: reportName,
      start_date: flags.startDate,
      end_date: flags.endDate,
      limit: flags.limit,
      by_store: flags.byStore,
    });
    const settings = settingsFor({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl, store: flags.store });
    if (!settings.store) throw new ZavaError('usage', 'no store binding: pass --store <id> (or a comma-separated list, or *) or set ZAVA_STORE');
    const db = await openDatabase(settings);
    try {
      if (!(await isInitialised(db))) {
        throw new ZavaError('database_not_initialised', `no Zava database at ${db.info.location}; run \`zava-mcp init\` first`);
      }
      const sessions = await StoreSessions.open(db, settings);
      const session = await sessions.forBinding(parseStoreBinding(settings.store));
      const { report, image } = await drawSalesChart(session, request, format);
      await writeFileAtomically(flags.out, image.data);
      const { start_date: start, end_date: end } = report.period;
      process.stdout.write(
        `wrote ${flags.out} (${image.width}x${image.height} ${format.toUpperCase()}, ${image.data.length} bytes): ` +
          `${CHART_DEFINITIONS[request.report].title}, ${report.stores.join(', ')}, ${start}..${end}, ${report.rows.length} rows\n`,
      );
      return EXIT_OK;
    } finally {
      await db.close();
    }
  } catch (error) {
    return reportFailure('chart', error);
  }
}
