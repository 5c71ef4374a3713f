import type { Command } from 'commander';
import { once } from 'node:events';
import { resolveUserPath } from '../../config/userPath.js';
import { openDatabase } from '../../db/openDatabase.js';
import type { DatabasePort } from '../../db/port.js';
import { ZavaError } from '../../errors.js';
import { packageVersion } from '../../packageRoot.js';
import { exportDatabase, type ExportSink } from '../../services/transfer/exportDatabase.js';
import { addDatabaseOptions, settingsFor, type DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { formatBytes } from '../formatBytes.js';
import { writeBeside, type BesideFile } from '../writeBeside.js';

interface ExportFlags extends DatabaseFlags {
  out?: string;
}

export function registerExportCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(
    program
      .command('export')
      .description('a plain SQL file of the Zava database that `psql -v ON_ERROR_STOP=1 -f FILE` restores into an empty PostgreSQL 15 to 18 database'),
  )
    .option('--out <file>', 'write the SQL here (default: standard output, when it is not a terminal)')
    .action(async (flags: ExportFlags) => setExitCode(await runExport(flags)));
}

async function runExport(flags: ExportFlags): Promise<number> {
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
