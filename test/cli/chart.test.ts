import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_TIMEOUTS, lines, runCli, scratchDir, STACK_FRAME } from '../support/cli.js';
import { seededCliDatabase, type CliDatabase } from '../support/cliDatabases.js';
import { runCommand } from '../support/commandInProcess.js';
import { expectDrawnPng } from '../support/pngImages.js';
import { EACH_ENGINE } from '../support/seededDatabase.js';

vi.setConfig(CLI_TIMEOUTS);

const EXIT_USAGE = 2;
/** Inside the seeded test data (seed 7, scale 0.2, sales up to 2025-06-30). */
const PERIOD = ['--start-date', '2025-04-01', '--end-date', '2025-06-30'];
const SNAPSHOTS = path.join(import.meta.dirname, '..', 'charts', '__snapshots__');

/** A failed run: one line on stderr naming the problem, nothing on stdout, no stack. */
function expectOneLineFailure(run: { code: number | null; stdout: string; stderr: string }, naming: RegExp, code: number): void {
  expect(run.stdout).toBe('');
  expect(lines(run.stderr), run.stderr).toHaveLength(1);
  expect(run.stderr).toMatch(/^zava-mcp( chart)?: /);
  expect(run.stderr).toMatch(naming);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.code).toBe(code);
}

describe.each(EACH_ENGINE)('zava-mcp chart on %s', (kind) => {
  let database: CliDatabase;
  let out: string;
  beforeAll(async () => {
    database = await seededCliDatabase(kind);
    out = scratchDir(`chart-${kind}`);
  });
  afterAll(async () => database?.dispose());

  const chart = (...args: string[]) => runCommand(['chart', ...args], { env: database.env });

  it('writes a PNG of the report, as a store sees it, and says what it wrote', async () => {
    const file = path.join(out, 'monthly.png');
    const run = await chart('monthly_sales', '--store', 'seattle', ...PERIOD, '--out', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [, width, height, bytes] = /\((\d+)x(\d+) PNG, (\d+) bytes\)/.exec(run.stdout)!;
    expect(run.stdout).toContain('Net sales per month, seattle, 2025-04-01..2025-06-30, 3 rows');
    const png = readFileSync(file);
    expect(png.length).toBe(Number(bytes));
    expectDrawnPng(png, { width: Number(width), height: Number(height) });
  });

  it('writes the very SVG the chart service draws for the same request', async () => {
    const file = path.join(out, 'daily.svg');
    const run = await chart('daily_sales', '--store', 'seattle', ...PERIOD, '--out', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(SNAPSHOTS, 'seattle-daily_sales.svg'), 'utf8'));
  });

  it("refuses a bad date with sales_report's line and exit code 2, leaving an existing file as it was", async () => {
    const file = path.join(out, 'kept.png');
    writeFileSync(file, 'an earlier chart');
    const run = await chart('daily_sales', '--store', 'seattle', '--start-date', '2025-02-30', '--out', file);
    expectOneLineFailure(run, /start_date: not a calendar date/, EXIT_USAGE);
    expect(readFileSync(file, 'utf8')).toBe('an earlier chart');
    expect(readdirSync(out).filter((name) => name.includes('partial'))).toEqual([]);
  });
});

describe('zava-mcp chart input', () => {
  let database: CliDatabase;
  let out: string;
  beforeAll(async () => {
    database = await seededCliDatabase('pglite');
    out = scratchDir('chart-input');
  });
  afterAll(async () => database?.dispose());

  // An unknown store, --limit and a missing --out are parsed as for every command (see test/cli/sql.test.ts).
  it.each([
    { name: 'an unknown report', args: ['weekly_sales', '--store', 'seattle', '--out', 'x.png'], naming: /report: .*"daily_sales"/, code: EXIT_USAGE },
    { name: 'a report that is not drawn', args: ['low_stock', '--store', 'seattle', '--out', 'x.png'], naming: /report: .*"returns"/, code: EXIT_USAGE },
    { name: 'a file that is neither .png nor .svg', args: ['daily_sales', '--store', 'seattle', '--out', 'x.jpg'], naming: /--out x\.jpg: .*\.png or \.svg/, code: EXIT_USAGE },
    { name: 'no store binding', args: ['daily_sales', '--out', 'x.png'], naming: /--store/, code: EXIT_USAGE },
  ])('refuses $name in one line, writing nothing', async ({ args, naming, code }) => {
    const cwd = scratchDir('chart-cwd');
    const run = await runCli(['chart', ...args], { env: database.env, cwd });
    expectOneLineFailure(run, naming, code);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a directory that does not exist, naming the file, and writes nothing', async () => {
    const file = path.join(out, 'no-such-dir', 'chart.png');
    const run = await runCli(['chart', 'daily_sales', '--store', 'seattle', '--out', file], { env: database.env });
    expectOneLineFailure(run, /cannot write .*chart\.png: no such directory/, EXIT_USAGE);
    expect(existsSync(path.dirname(file))).toBe(false);
  });
});
