import { once } from 'node:events';
import { resolveUserPath } from '../../config/userPath.js';
import { openDatabase } from '../../db/openDatabase.js';
import type { DatabasePort } from '../../db/port.js';
import { ZavaError } from '../../errors.js';
import { packageVersion } from '../../packageRoot.js';
import { exportDatabase, type ExportSink } from '../../services/transfer/exportDatabase.js';
import { settingsFor } from '../commandSettings.js';
import type { DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { formatBytes } from '../formatBytes.js';
import { writeBeside, type BesideFile } from '../writeBeside.js';

export interface ExportFlags extends DatabaseFlags {
  out?: string;
}

export async function runExport(flags: ExportFlags): Promise<number> {
  let db: DatabasePort | undefined;
  let file: BesideFile | undefined;
  try {
    if (flags.out === undefined && process.stdout.isTTY) throw new ZavaError('usage', 'the export is SQL for psql, not for a terminal: pass --out FILE or redirect standard output');
    const settings = settingsFor({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
    db = await openDatabase(settings, { create: false });
    const out = flags.out === undefined ? undefined : resolveUserPath(flags.out);
    file = out === undefined ? undefined : await writeBeside(out);
    let bytes = 0;
    const sink: ExportSink = {
      write: async (chunk) => {
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        if (file) await file.write(chunk);
        else if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
      },
    };
    const report = await exportDatabase(db, sink, packageVersion());
    await file?.commit();
    const rows = report.tables.reduce((sum, table) => sum + table.rows, 0);
    process.stderr.write(
      [
        `Exported the Zava database at ${db.info.location}${out ? ` to ${out}` : ''}: ${report.tables.length} tables, ${rows} rows, ${formatBytes(bytes)}`,
        ...report.skipped.map((skipped) => `  not exported: ${skipped.name} (${skipped.reason})`),
        `  restore: psql -v ON_ERROR_STOP=1 -d postgres://owner@host/database -f ${out ?? 'FILE'}`,
        '',
      ].join('\n'),
    );
    return EXIT_OK;
  } catch (error) {
    await file?.abandon();
    return reportFailure('export', error);
  } finally {
    await db?.close().catch(() => undefined);
  }
}
