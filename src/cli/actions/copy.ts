import type { DatabasePort } from '../../db/port.js';
import { ZavaError } from '../../errors.js';
import { copyDatabase } from '../../services/transfer/copyDatabase.js';
import { openTarget, parseTarget } from '../databaseTargets.js';
import { settingsFor } from '../commandSettings.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { createProgressReporter } from '../progressBar.js';

export interface CopyFlags {
  from: string;
  to: string;
  force: boolean;
}

export async function runCopy(flags: CopyFlags): Promise<number> {
  const progress = createProgressReporter();
  const opened: DatabasePort[] = [];
  try {
    const from = parseTarget(flags.from, '--from');
    const to = parseTarget(flags.to, '--to');
    if (from.value === to.value) throw new ZavaError('usage', '--from and --to name the same database');
    const settings = settingsFor({});
    const source = await openTarget(from, settings, false);
    opened.push(source);
    const target = await openTarget(to, settings, true);
    opened.push(target);
    const report = await copyDatabase(source, target, { force: flags.force, role: settings, onProgress: (p) => progress.update(p) });
    progress.stop();
    const width = Math.max(...report.tables.map((table) => table.name.length));
    const rows = new Intl.NumberFormat('en-US');
    process.stdout.write(
      [
        `Copied the Zava database from ${source.info.location} to ${target.info.location}; every table's checksum equals its source's:`,
        ...report.tables.map((table) => `  ${table.name.padEnd(width)}  ${rows.format(table.rows).padStart(9)} rows  ${table.digest}`),
        ...report.skipped.map((skipped) => `  not copied: ${skipped.name} (${skipped.reason})`),
        ...(report.migrations.applied.length > 0 ? [`  migrations applied on the target: ${report.migrations.applied.join(', ')}`] : []),
        ...(report.migrations.waiting.length > 0 ? [`  waiting on the target: ${report.migrations.waiting.join('; ')}`] : []),
        `  took ${process.uptime().toFixed(1)} s`,
        '',
      ].join('\n'),
    );
    return EXIT_OK;
  } catch (error) {
    progress.stop();
    return reportFailure('copy', error);
  } finally {
    for (const db of opened) await db.close().catch(() => undefined);
  }
}
