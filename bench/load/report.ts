import type { MachineInfo } from '../support/machine.js';
import type { EngineKind } from './engines.js';
import type { GenerateSample, InitSample, LoadSample } from './measure.js';
import { median, round, seconds, thousands } from '../support/stats.js';

export interface RowByRowPlan {
  /** full: every row was loaded row by row; subset: a fraction was, and the full time is extrapolated. */
  mode: 'full' | 'subset';
  fraction: number;
  subsetRows: number;
  /** Why this fraction (the time cap and the rate it was derived from). */
  reason: string;
}

export interface RowByRowRun {
  sample: LoadSample;
  /** The full dataset's time: measured (full) or extrapolated (subset). */
  fullMs: number;
}

export interface ScaleResult {
  engine: EngineKind;
  scale: number;
  rows: number;
  phaseRows: Record<string, number>;
  generate: GenerateSample[];
  bulk: LoadSample[];
  rowByRowPlan: RowByRowPlan;
  /** Rows per table the row-by-row loader was timed on (the subset's, or all). */
  rowByRowPhaseRows: Record<string, number>;
  rowByRow: RowByRowRun[];
  /** Order of the loaders in each repetition, e.g. "bulk, row-by-row". */
  order: string[];
  init: InitSample[];
}

export interface ExtrapolationCheck {
  engine: EngineKind;
  scale: number;
  fraction: number;
  /** Row-by-row of every row, one per pair. */
  measuredMs: number[];
  /** The subset's time extrapolated to every row, one per pair (run back to back with the measured one). */
  estimatedMs: number[];
}

export interface LoadBenchReport {
  date: string;
  command: string;
  options: { scales: number[]; repeats: number; capSeconds: number; seed: number; asOf: string; engines: EngineKind[] };
  machine: MachineInfo;
  versions: Record<string, string>;
  engines: Record<string, string>;
  results: ScaleResult[];
  extrapolationChecks: ExtrapolationCheck[];
  elapsedSeconds: number;
  notes: string[];
}

export interface SummaryRow {
  engine: EngineKind;
  scale: number;
  rows: number;
  generateMs: number;
  bulkMs: number;
  bulkRowsPerSecond: number;
  rowByRowMs: number;
  rowByRowRowsPerSecond: number;
  rowByRowMode: string;
  /** Median over repetitions of (row-by-row time / bulk time) of the pair run back to back. */
  speedUp: number;
  speedUpRange: [number, number];
  initMs: number;
  initRowsPerSecond: number;
  runs: number;
}

export function summarise(result: ScaleResult): SummaryRow {
  const bulkMs = median(result.bulk.map((sample) => sample.ms));
  const rowByRowMs = median(result.rowByRow.map((run) => run.fullMs));
  const ratios = result.bulk.map((sample, index) => (result.rowByRow[index]?.fullMs ?? Number.NaN) / sample.ms);
  const initMs = median(result.init.map((sample) => sample.ms));
  const plan = result.rowByRowPlan;
  return {
    engine: result.engine,
    scale: result.scale,
    rows: result.rows,
    generateMs: median(result.generate.map((sample) => sample.ms)),
    bulkMs,
    bulkRowsPerSecond: result.rows / (bulkMs / 1000),
    rowByRowMs,
    rowByRowRowsPerSecond: result.rows / (rowByRowMs / 1000),
    rowByRowMode: plan.mode === 'full' ? 'measured, all rows' : `extrapolated from ${(plan.fraction * 100).toFixed(1)}% (${thousands(plan.subsetRows)} rows)`,
    speedUp: median(ratios),
    speedUpRange: [Math.min(...ratios), Math.max(...ratios)],
    initMs,
    initRowsPerSecond: result.rows / (initMs / 1000),
    runs: result.bulk.length,
  };
}

const SUMMARY_HEADER = [
  'engine',
  'scale',
  'rows',
  'generate (s)',
  'bulk load (s)',
  'bulk rows/s',
  'row-by-row (s)',
  'row-by-row rows/s',
  'bulk speed-up (×)',
  'row-by-row measured how',
  'initialiseDatabase (s)',
  'init rows/s',
  'runs',
];

export function summaryTable(rows: readonly SummaryRow[]): string {
  const body = rows.map((row) => [
    row.engine,
    String(row.scale),
    thousands(row.rows),
    seconds(row.generateMs),
    seconds(row.bulkMs),
    thousands(row.bulkRowsPerSecond),
    `${row.rowByRowMode.startsWith('extrapolated') ? '≈ ' : ''}${seconds(row.rowByRowMs, 1)}`,
    `${row.rowByRowMode.startsWith('extrapolated') ? '≈ ' : ''}${thousands(row.rowByRowRowsPerSecond)}`,
    `${row.speedUp.toFixed(1)} (${row.speedUpRange[0].toFixed(1)}–${row.speedUpRange[1].toFixed(1)})`,
    row.rowByRowMode,
    seconds(row.initMs),
    thousands(row.initRowsPerSecond),
    String(row.runs),
  ]);
  return markdownTable(SUMMARY_HEADER, body);
}

function runsTable(results: readonly ScaleResult[]): string {
  const body: string[][] = [];
  for (const result of results) {
    result.bulk.forEach((bulk, index) => {
      const rowByRow = result.rowByRow[index];
      body.push([
        result.engine,
        String(result.scale),
        String(index + 1),
        result.order[index] ?? '',
        seconds(result.generate[index]?.ms ?? Number.NaN),
        seconds(bulk.ms),
        rowByRow ? seconds(rowByRow.sample.ms, 1) : 'n/a',
        rowByRow ? thousands(rowByRow.sample.rows) : 'n/a',
        rowByRow ? `${result.rowByRowPlan.mode === 'subset' ? '≈ ' : ''}${seconds(rowByRow.fullMs, 1)}` : 'n/a',
        rowByRow ? (rowByRow.fullMs / bulk.ms).toFixed(1) : 'n/a',
        seconds(result.init[index]?.ms ?? Number.NaN),
      ]);
    });
  }
  return markdownTable(
    ['engine', 'scale', 'run', 'order', 'generate (s)', 'bulk (s)', 'row-by-row timed (s)', 'row-by-row timed rows', 'row-by-row all rows (s)', 'ratio', 'initialiseDatabase (s)'],
    body,
  );
}

function phaseTable(results: readonly ScaleResult[]): string {
  const phases = ['customers', 'products', 'transactions', 'items'] as const;
  const body = results.map((result) => {
    const cells = phases.map((phase) => {
      const bulk = median(result.bulk.map((sample) => sample.phaseMs[phase]));
      const rowByRow = median(result.rowByRow.map((run) => run.sample.phaseMs[phase]));
      const timedRows = result.rowByRowPhaseRows[phase]!;
      const perRow = (rowByRow / timedRows) * 1000;
      const subset = timedRows === result.phaseRows[phase] ? '' : ` for ${thousands(timedRows)} rows`;
      return `${thousands(result.phaseRows[phase]!)} rows: bulk ${seconds(bulk)} s (${((bulk / result.phaseRows[phase]!) * 1000).toFixed(0)} µs/row), row-by-row ${seconds(rowByRow, 1)} s${subset} (${perRow.toFixed(0)} µs/row)`;
    });
    return [result.engine, String(result.scale), ...cells];
  });
  return markdownTable(['engine', 'scale', ...phases], body);
}

/** The error of the extrapolation where the full time is known, in percent. */
export function checkError(check: ExtrapolationCheck): number {
  return median(check.estimatedMs.map((estimated, index) => (estimated / check.measuredMs[index]! - 1) * 100));
}

function checkTable(checks: readonly ExtrapolationCheck[]): string {
  const body = checks.map((check) => [
    check.engine,
    String(check.scale),
    `${(check.fraction * 100).toFixed(1)}%`,
    check.measuredMs.map((ms) => seconds(ms, 1)).join(', '),
    check.estimatedMs.map((ms) => seconds(ms, 1)).join(', '),
    check.estimatedMs.map((ms, index) => `${formatPercent((ms / check.measuredMs[index]! - 1) * 100)}`).join(', '),
    formatPercent(checkError(check)),
  ]);
  return markdownTable(['engine', 'scale', 'subset', 'all rows, measured (s, per pair)', 'subset, extrapolated (s, per pair)', 'error per pair', 'median error'], body);
}

function formatPercent(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}%`;
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function markdown(report: LoadBenchReport): string {
  const summary = report.results.map(summarise);
  return [
    `# Load benchmark: \`init\` bulk loader vs row-by-row INSERTs (${report.date})`,
    '',
    `\`${report.command}\` — ${report.options.engines.join(' and ')}, scales ${report.options.scales.join(' and ')}, seed ${report.options.seed}, sales to ${report.options.asOf}, ${report.options.repeats} runs per measurement; ${Math.round(report.elapsedSeconds / 60)} minutes in all.`,
    '',
    '## Results (medians)',
    '',
    summaryTable(summary),
    '',
    '"bulk" is `loadDataset` (one `INSERT ... SELECT FROM unnest($1::uuid[], ...)` per 2,000 rows), what `init` uses; "row-by-row" is `loadDatasetRowByRow` (one parameterised `INSERT ... VALUES` per row, the Lab 04 generator\'s method). Rows per second = the four seeded tables\' rows / the median time. ' +
      'Speed-up = row-by-row time / bulk time of the pair run back to back on the same engine, median over the runs (range in brackets). ≈ marks an extrapolated figure.',
    '',
    '## Every run',
    '',
    runsTable(report.results),
    '',
    '## Time per table (medians)',
    '',
    phaseTable(report.results),
    '',
    ...(report.extrapolationChecks.length > 0
      ? [
          '## How good is the extrapolation?',
          '',
          'The subset method with the same fraction, at a scale where every row can also be loaded row by row: pairs run back to back on the same engine (alternating which goes first), so both sides of a pair see the same machine.',
          '',
          checkTable(report.extrapolationChecks),
          '',
        ]
      : []),
    '## Notes',
    '',
    ...report.notes.map((note) => `- ${note}`),
    '',
    '## Machine and versions',
    '',
    `- CPU: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB; ${report.machine.platform}`,
    `- Load average (1/5/15 min): ${report.machine.loadAverageAtStart.join(' / ')} at start, ${(report.machine.loadAverageAtEnd ?? []).join(' / ')} at end`,
    ...Object.entries(report.versions).map(([name, version]) => `- ${name}: ${version}`),
    ...Object.entries(report.engines).map(([name, description]) => `- ${name}: ${description}`),
    '',
  ].join('\n');
}

export function roundForJson(report: LoadBenchReport): LoadBenchReport {
  return JSON.parse(JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? round(value, 3) : value))) as LoadBenchReport;
}
