/**
 * Load benchmark: `zava-mcp init` against a raw COPY of the same rows into bare
 * tables, side by side on each engine configuration in one run, and `init` at a
 * large scale on a native PostgreSQL with its peak memory.
 *
 *   npm run bench:load                         scale 20 on pglite, postgres and pgvector (3 pairs each), then scale 200 on postgres
 *   npm run bench:load -- --scales 1 --repeats 2 --big-scale 0 --no-write     a quick look
 *   npm run bench:load -- --help
 *
 * Writes bench/results/load-YYYY-MM-DD[-label].md and .json. Nothing here asserts
 * on time: the numbers are for reading, side by side, from one run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cliInit, encodedDataset, timedCopyOnly, timedGenerateOnly, timedInit, timedRawCopy, type CliInitRun, type TimedRun } from './load/measure.js';
import { openBenchEngine, parseBenchEngines, type BenchEngine, type BenchEngineKind } from './support/engines.js';
import { loadAverageNow, machineInfo, type MachineInfo } from './support/machine.js';
import { BenchUsageError, numberOption, OUTPUT_OPTIONS, outputSettings, runBench, writeResults, type OutputSettings } from './support/options.js';
import { median, thousands } from './support/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = `Usage: npm run bench:load -- [options]

  --scales <list>       comma-separated scales for init against raw COPY (default 20)
  --engines <list>      pglite, postgres, pgvector (default all three; pgvector where the machine has it)
  --repeats <n>         init / raw COPY pairs per engine and scale, order alternating (default 3)
  --big-scale <n>       one \`zava-mcp init\` at this scale in its own process, for time and peak memory (default 200; 0 skips)
  --big-engines <list>  where the big init runs (default postgres,pgvector)
  --seed <n>            dataset seed (default 42)
  --as-of <date>        last day of the sales (default 2025-06-30)
  --out <dir>           results directory (default bench/results)
  --label <name>        suffix for the results files
  --no-write            print only, write no files
  --help`;

interface Options extends OutputSettings {
  scales: number[];
  engines: BenchEngineKind[];
  repeats: number;
  bigScale: number;
  bigEngines: BenchEngineKind[];
  seed: number;
  asOf: string;
}

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      scales: { type: 'string' },
      engines: { type: 'string' },
      repeats: { type: 'string' },
      'big-scale': { type: 'string' },
      'big-engines': { type: 'string' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      ...OUTPUT_OPTIONS,
    },
    strict: true,
  });
  if (values.help) return undefined;
  const usage = (message: string) => new BenchUsageError(message);
  const asOf = values['as-of'] ?? '2025-06-30';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw usage(`--as-of must be YYYY-MM-DD, not ${asOf}`);
  const bigEngines = parseBenchEngines(values['big-engines'] ?? 'postgres,pgvector', usage);
  if (bigEngines.includes('pglite')) throw usage('--big-engines takes native servers: postgres, pgvector');
  return {
    scales: (values.scales ?? '20').split(',').map((text) => numberOption(text.trim(), 'scales', 20, { integer: false, least: 0.01 })),
    engines: parseBenchEngines(values.engines ?? 'pglite,postgres,pgvector', usage),
    repeats: numberOption(values.repeats, 'repeats', 3, { least: 1 }),
    bigScale: numberOption(values['big-scale'], 'big-scale', 200, { integer: false, least: 0 }),
    bigEngines,
    seed: numberOption(values.seed, 'seed', 42),
    asOf,
    ...outputSettings(values, path.join(ROOT, 'bench', 'results')),
  };
}

const started = performance.now();
function log(message: string): void {
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${message}`);
}

interface ScaleResult {
  engine: BenchEngineKind;
  scale: number;
  rows: number;
  /** Per pair: init, raw COPY, and which ran first. */
  pairs: { init: TimedRun; raw: TimedRun; first: 'init' | 'raw' }[];
  /** The two parts on their own: generating the COPY text, and COPY of text made beforehand. */
  generateOnly: TimedRun[];
  copyOnly: TimedRun[];
}

interface BigRun extends CliInitRun {
  engine: BenchEngineKind;
  scale: number;
}

interface Report {
  date: string;
  command: string;
  options: Omit<Options, 'out' | 'label' | 'write'>;
  machine: MachineInfo;
  versions: Record<string, string>;
  engines: Record<string, string>;
  notRun: Record<string, string>;
  results: ScaleResult[];
  big: BigRun[];
  elapsedSeconds: number;
}

const ratio = (pair: ScaleResult['pairs'][number]) => pair.init.ms / pair.raw.ms;

function summary(result: ScaleResult) {
  const ratios = result.pairs.map(ratio);
  return {
    initMs: median(result.pairs.map((pair) => pair.init.ms)),
    rawMs: median(result.pairs.map((pair) => pair.raw.ms)),
    ratio: median(ratios),
    range: [Math.min(...ratios), Math.max(...ratios)] as const,
    generateMs: median(result.generateOnly.map((run) => run.ms)),
    copyMs: median(result.copyOnly.map((run) => run.ms)),
  };
}

const s = (ms: number) => (ms / 1000).toFixed(2);

function markdown(report: Report): string {
  const lines = [
    `# Load benchmark: \`init\` against a raw COPY of the same rows (${report.date})`,
    '',
    `\`${report.command}\` - ${report.options.engines.join(', ')}; scales ${report.options.scales.join(', ')}; ${report.options.repeats} pairs each; seed ${report.options.seed}, sales to ${report.options.asOf}; ${Math.round(report.elapsedSeconds / 60)} minutes in all.`,
    '',
    '## init against raw COPY (medians)',
    '',
    '| engine | scale | rows | init (s) | init rows/s | raw COPY (s) | init / raw COPY | range | generate only (s) | COPY only (s) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.results.map((result) => {
      const sum = summary(result);
      return `| ${result.engine} | ${result.scale} | ${thousands(result.rows)} | ${s(sum.initMs)} | ${thousands(result.rows / (sum.initMs / 1000))} | ${s(sum.rawMs)} | **${sum.ratio.toFixed(2)}** | ${sum.range[0].toFixed(2)}–${sum.range[1].toFixed(2)} | ${s(sum.generateMs)} | ${s(sum.copyMs)} |`;
    }),
    '',
    'init / raw COPY is taken within each pair (run back to back, order alternating) and the median over the pairs is shown. Target: at most 2.',
    '',
    '## Every pair',
    '',
    '| engine | scale | pair | first | init (s) | raw COPY (s) | ratio |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...report.results.flatMap((result) =>
      result.pairs.map((pair, index) => `| ${result.engine} | ${result.scale} | ${index + 1} | ${pair.first} | ${s(pair.init.ms)} | ${s(pair.raw.ms)} | ${ratio(pair).toFixed(2)} |`),
    ),
    '',
  ];
  if (report.big.length > 0) {
    lines.push(
      '## A large init in its own process',
      '',
      '| engine | scale | time (s) | peak memory (MB) | what init printed |',
      '| --- | --- | --- | --- | --- |',
      ...report.big.map((run) => `| ${run.engine} | ${run.scale} | ${s(run.ms)} | **${run.peakMb}** | ${run.summary.replace(/\|/g, '\\|')} |`),
      '',
      'Peak memory is the `zava-mcp init` process\'s maxRSS (getrusage), which init prints itself. Target: under 1 GB at scale 200.',
      '',
    );
  }
  if (Object.keys(report.notRun).length > 0) {
    lines.push('## Not run', '', ...Object.entries(report.notRun).map(([engine, reason]) => `- ${engine}: ${reason}`), '');
  }
  lines.push(
    '## What is timed',
    '',
    '- **init**: the whole `initialiseDatabase` on a fresh, empty database: migrations, the generator streaming its batches, COPY, the keys, indexes and foreign keys built after the rows, ANALYZE, the audit triggers off and on, the row counts and the commit.',
    '- **raw COPY**: the same rows, generated and streamed by the same code (`streamCopy` over `datasetBatches`), COPYed into bare copies of the four tables (`CREATE TABLE raw.x (LIKE retail.x)`: columns and NOT NULL only; no keys, indexes, checks, triggers or policies), one transaction including its commit. Migrations and the bare tables are created before the clock starts.',
    '- **generate only**: the generator and the COPY text encoding alone, no database. **COPY only**: COPY of text made beforehand into the bare tables, one statement per table, no generation. Both for reading the other two: the generator runs on the main thread while the engine copies (the server in its own process, PGlite in its worker thread), so a raw COPY takes about the larger of the two.',
    `- Shared machine (${report.machine.cores} cores; load average ${report.machine.loadAverageAtStart.join(' / ')} at start, ${(report.machine.loadAverageAtEnd ?? []).join(' / ')} at end; other jobs were running): compare within a pair, not across runs.`,
    '',
    '## Machine and versions',
    '',
    `- CPU: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB; ${report.machine.platform}`,
    ...Object.entries(report.versions).map(([name, version]) => `- ${name}: ${version}`),
    ...Object.entries(report.engines).map(([name, description]) => `- ${name}: ${description}`),
    '',
  );
  return lines.join('\n');
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

async function measureScale(engine: BenchEngine, scale: number, options: Options): Promise<ScaleResult> {
  const generation = { seed: options.seed, scale, asOf: options.asOf };
  const result: ScaleResult = { engine: engine.kind, scale, rows: 0, pairs: [], generateOnly: [], copyOnly: [] };
  for (let pair = 0; pair < options.repeats; pair++) {
    const first = pair % 2 === 0 ? 'init' : 'raw';
    const runs: Partial<Record<'init' | 'raw', TimedRun>> = {};
    for (const which of first === 'init' ? (['init', 'raw'] as const) : (['raw', 'init'] as const)) {
      runs[which] = which === 'init' ? await timedInit(engine, generation) : await timedRawCopy(engine, generation);
    }
    const { init, raw } = runs as Record<'init' | 'raw', TimedRun>;
    if (init.rows !== raw.rows) throw new Error(`init loaded ${init.rows} rows, raw COPY ${raw.rows}`);
    result.rows = init.rows;
    result.pairs.push({ init, raw, first });
    log(`${engine.kind} scale ${scale} pair ${pair + 1}: init ${s(init.ms)} s, raw COPY ${s(raw.ms)} s, ratio ${(init.ms / raw.ms).toFixed(2)}`);
  }
  const texts = encodedDataset(generation);
  for (let run = 0; run < Math.min(2, options.repeats); run++) {
    result.generateOnly.push(timedGenerateOnly(generation));
    result.copyOnly.push(await timedCopyOnly(engine, texts));
  }
  log(`${engine.kind} scale ${scale}: generate only ${s(median(result.generateOnly.map((run) => run.ms)))} s, COPY only ${s(median(result.copyOnly.map((run) => run.ms)))} s`);
  return result;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  const machine = machineInfo();
  log(`machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadAverageAtStart.join(' / ')}`);
  const report: Report = {
    date: new Date().toISOString().slice(0, 10),
    command: `npm run bench:load${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    options: { scales: options.scales, engines: options.engines, repeats: options.repeats, bigScale: options.bigScale, bigEngines: options.bigEngines, seed: options.seed, asOf: options.asOf },
    machine,
    versions: { node: process.version, '@electric-sql/pglite': packageVersion('@electric-sql/pglite'), pg: packageVersion('pg'), 'pg-copy-streams': packageVersion('pg-copy-streams') },
    engines: {},
    notRun: {},
    results: [],
    big: [],
    elapsedSeconds: 0,
  };
  const kinds = [...new Set([...options.engines, ...(options.bigScale > 0 ? options.bigEngines : [])])];
  for (const kind of kinds) {
    const engine = await openBenchEngine(kind);
    if ('missing' in engine) {
      report.notRun[kind] = `NOT RUN: ${engine.missing}`;
      log(`${kind}: NOT RUN: ${engine.missing}`);
      continue;
    }
    try {
      report.engines[kind] = engine.description;
      const probe = await engine.freshEmpty();
      report.versions[`${kind} server`] = probe.db.info.serverVersion;
      await probe.dispose();
      if (options.engines.includes(kind)) {
        await timedInit(engine, { seed: options.seed, scale: 0.05, asOf: options.asOf }); // warm-up, not recorded
        for (const scale of options.scales) report.results.push(await measureScale(engine, scale, options));
      }
      if (options.bigScale > 0 && options.bigEngines.includes(kind)) {
        const fresh = await engine.freshEmpty();
        try {
          log(`${kind}: zava-mcp init at scale ${options.bigScale} in its own process`);
          const run = await cliInit(fresh.cliArgs, { seed: options.seed, scale: options.bigScale, asOf: options.asOf });
          report.big.push({ engine: kind, scale: options.bigScale, ...run });
          log(`${kind}: ${run.summary}`);
        } finally {
          await fresh.dispose();
        }
      }
    } finally {
      await engine.close();
    }
  }
  machine.loadAverageAtEnd = loadAverageNow();
  report.elapsedSeconds = (performance.now() - started) / 1000;
  const text = markdown(report);
  console.log(text);
  if (!options.write) return;
  const base = writeResults(options, 'load', report.date, text, report);
  log(`wrote ${path.relative(ROOT, base)}.md and .json`);
}

await runBench(main);
